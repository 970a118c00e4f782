package io.minewatch.simulators.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The report's chart, drawn with Java2D (headless): three panels over each system's run time, readings per second
 * (published and stored), alarm latency p99 per second, and CPU. One colour per system.
 */
final class BenchChart {

    private static final int WIDTH = 1200;
    private static final int PANEL = 260;
    private static final int MARGIN_LEFT = 90;
    private static final int MARGIN_TOP = 40;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private BenchChart() {
    }

    static void write(List<BenchRunner.Run> runs, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = MARGIN_TOP + 3 * (PANEL + 50) + 20;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("minewatch bench: throughput, alarm latency and CPU over each system's run", MARGIN_LEFT, 24);
        double maxSeconds = runs.stream().flatMap(r -> r.ticks().stream()).mapToDouble(BenchRunner.Tick::seconds)
                .max().orElse(1);
        panel(g, runs, 0, "readings/s (solid: published, dashed: stored)", maxSeconds,
                BenchRunner.Tick::publishedPerSecond, BenchRunner.Tick::storedPerSecond);
        panel(g, runs, 1, "alarm latency p99 per second, ms", maxSeconds, BenchRunner.Tick::p99Millis, null);
        panel(g, runs, 2, "CPU of the system's process, % of one core", maxSeconds, BenchRunner.Tick::cpuPercent,
                null);
        int x = MARGIN_LEFT;
        for (int i = 0; i < runs.size(); i++) {
            g.setColor(COLOURS[i % COLOURS.length]);
            g.fillRect(x, height - 18, 14, 10);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(runs.get(i).system(), x + 20, height - 8);
            x += 160;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, List<BenchRunner.Run> runs, int index, String title, double maxSeconds,
            ToDoubleFunction<BenchRunner.Tick> solid, ToDoubleFunction<BenchRunner.Tick> dashed) {
        int top = MARGIN_TOP + index * (PANEL + 50) + 20;
        int width = WIDTH - MARGIN_LEFT - 30;
        double max = 1;
        for (BenchRunner.Run run : runs) {
            for (BenchRunner.Tick tick : run.ticks()) {
                max = Math.max(max, solid.applyAsDouble(tick));
                if (dashed != null) {
                    max = Math.max(max, dashed.applyAsDouble(tick));
                }
            }
        }
        max = niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN_LEFT, top - 6);
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = top + PANEL - i * PANEL / 4;
            g.drawLine(MARGIN_LEFT, y, MARGIN_LEFT + width, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN_LEFT, top, width, PANEL);
        for (int i = 0; i <= 4; i++) {
            int y = top + PANEL - i * PANEL / 4;
            g.drawString(String.format("%,.0f", max * i / 4), 8, y + 4);
        }
        for (int s = 0; s <= 10; s++) {
            int x = MARGIN_LEFT + s * width / 10;
            g.drawString(String.format("%.0f s", maxSeconds * s / 10), x - 10, top + PANEL + 16);
        }
        for (int r = 0; r < runs.size(); r++) {
            g.setColor(COLOURS[r % COLOURS.length]);
            line(g, runs.get(r).ticks(), solid, max, maxSeconds, top, width, new BasicStroke(1.8f));
            if (dashed != null) {
                line(g, runs.get(r).ticks(), dashed, max, maxSeconds, top, width, new BasicStroke(1.5f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            }
        }
    }

    private static void line(Graphics2D g, List<BenchRunner.Tick> ticks, ToDoubleFunction<BenchRunner.Tick> value,
            double max, double maxSeconds, int top, int width, BasicStroke stroke) {
        g.setStroke(stroke);
        int lastX = -1;
        int lastY = -1;
        for (BenchRunner.Tick tick : ticks) {
            int x = MARGIN_LEFT + (int) (tick.seconds() / maxSeconds * width);
            int y = top + PANEL - (int) (Math.min(max, value.applyAsDouble(tick)) / max * PANEL);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            lastX = x;
            lastY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
