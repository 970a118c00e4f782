package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.config.AlarmHandlingConfig;
import io.minewatch.gateway.alarms.AlarmDetails;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about alarms: RAISED, ESCALATED and SHELVED go to the site's first contact (the person responsible),
 * UNACKNOWLEDGED to the contact it names. Events of a shelved rule (detail {@code shelved}) are not notified; they
 * are recorded by the other listeners like any other.
 *
 * <p>Rate limit per contact: the first notification goes at once and opens an interval of {@code notify_every};
 * whatever comes for that contact within it is held and sent as one digest when it ends, which opens the next
 * interval. So a contact gets at most one message per interval and every event reaches them, grouped.
 */
public final class Notifier implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final AlarmHandlingConfig config;
    private final NotificationChannel channel;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Recipient> recipients = new ConcurrentHashMap<>();

    /** One contact's rate limit; guarded by its own monitor (notifications are rare, never on the reading path). */
    private static final class Recipient {
        boolean limited;
        final List<AlarmEvent> held = new ArrayList<>();
    }

    public Notifier(AlarmHandlingConfig config, NotificationChannel channel, ScheduledExecutorService scheduler,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = config.notifyEvery();
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        if ("true".equals(event.details().get(AlarmDetails.SHELVED))) {
            return;
        }
        String contact = switch (event.transition()) {
            case RAISED, ESCALATED, SHELVED -> config.policyFor(event.site()).contacts().get(0).id();
            case UNACKNOWLEDGED -> event.details().get(AlarmDetails.CONTACT);
            case DEESCALATED, CLEARED, ACKNOWLEDGED, UNSHELVED -> null;
        };
        if (contact != null) {
            notify(contact, event);
        }
    }

    private void notify(String contact, AlarmEvent event) {
        Recipient recipient = recipients.computeIfAbsent(contact, c -> new Recipient());
        synchronized (recipient) {
            if (recipient.limited) {
                recipient.held.add(event);
                return;
            }
            recipient.limited = true;
        }
        send(new Notification(contact, clock.millis(), List.of(event), false));
        scheduler.schedule(() -> endInterval(contact, recipient), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void endInterval(String contact, Recipient recipient) {
        List<AlarmEvent> digest;
        synchronized (recipient) {
            if (recipient.held.isEmpty()) {
                recipient.limited = false;
                return;
            }
            digest = List.copyOf(recipient.held);
            recipient.held.clear();
        }
        send(new Notification(contact, clock.millis(), digest, true));
        scheduler.schedule(() -> endInterval(contact, recipient), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Notification notification) {
        try {
            channel.send(notification);
        } catch (RuntimeException e) {
            LOG.error("Notification to {} of {} events could not be sent", notification.contact(),
                    notification.events().size(), e);
        }
    }
}
