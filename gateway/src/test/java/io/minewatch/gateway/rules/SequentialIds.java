package io.minewatch.gateway.rules;

/** Deterministic ids for tests: {@code id-1}, {@code id-2}, ... */
final class SequentialIds implements AlarmIds {

    private int next;

    @Override
    public String next() {
        return "id-" + ++next;
    }
}
