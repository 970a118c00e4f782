package io.minewatch.gateway.web;

import java.util.List;

/**
 * {@code limit} and {@code offset} of a list endpoint. The answer stays a JSON array; the size of the whole filtered
 * list is in the {@code X-Total-Count} header.
 */
public record Paging(int limit, int offset) {

    public static final String TOTAL_HEADER = "X-Total-Count";

    public static Paging of(QueryParams params, int defaultLimit, int maxLimit) {
        return new Paging(params.integer("limit", 1, maxLimit, defaultLimit),
                params.integer("offset", 0, Integer.MAX_VALUE, 0));
    }

    public <T> List<T> page(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }
}
