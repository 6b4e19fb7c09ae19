package org.yiwang.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The catalogue held in memory for search as service (搜索即服务). MariaDB has no n-gram parser for Chinese
 * full-text search, and 11,702 items fit easily in memory. Items are kept in their display order (shorter
 * names first, then level and code), so a search only scans once and drops each hit into the bucket of its
 * rank: no sorting per request.
 */
final class CatalogSearch {

    private static final int RANKS = 32;
    /** Items not implemented at the applicant's place follow all those that are. */
    private static final int ELSEWHERE = RANKS / 2;

    private final List<Entry> entries;

    private record Entry(Item item, String code) {
    }

    record Page(List<Item> items, int total) {
    }

    CatalogSearch(List<Item> items) {
        this.entries = items.stream()
                .sorted(Comparator.comparingInt((Item i) -> i.name().length()).thenComparing(Item::level).thenComparing(Item::code))
                .map(i -> new Entry(i, i.code().toLowerCase(Locale.ROOT)))
                .toList();
    }

    int size() {
        return entries.size();
    }

    /**
     * One page of matching items, best first: the exact name, then names starting with the words, names
     * containing them, item codes, and finally pinyin and pinyin initials — items the applicant can get done at
     * their own place ({@code local}) before all others.
     */
    Page search(String q, Predicate<Item> filter, Predicate<Item> local, int offset, int limit) {
        String whole = q == null ? "" : q.trim();
        String[] words = whole.isEmpty() ? new String[0] : whole.toLowerCase(Locale.ROOT).split("\\s+");
        boolean[] ascii = new boolean[words.length];
        for (int i = 0; i < words.length; i++) {
            ascii[i] = words[i].chars().allMatch(c -> c < 128);
        }
        List<List<Item>> buckets = new ArrayList<>(RANKS);
        for (int i = 0; i < RANKS; i++) {
            buckets.add(new ArrayList<>());
        }
        int total = 0;
        for (Entry e : entries) {
            int rank = words.length == 0 ? 0 : rank(e, words, ascii, whole);
            if (rank >= 0 && filter.test(e.item())) {
                int bucket = Math.min(rank, ELSEWHERE - 1) + (local.test(e.item()) ? 0 : ELSEWHERE);
                buckets.get(bucket).add(e.item());
                total++;
            }
        }
        List<Item> page = new ArrayList<>(limit);
        int skipped = 0;
        for (List<Item> bucket : buckets) {
            for (Item item : bucket) {
                if (skipped++ < offset) {
                    continue;
                }
                if (page.size() == limit) {
                    return new Page(page, total);
                }
                page.add(item);
            }
        }
        return new Page(page, total);
    }

    /** -1 when some word does not match; otherwise lower is better. */
    private static int rank(Entry e, String[] words, boolean[] ascii, String whole) {
        String name = e.item().name();
        if (name.equals(whole)) {
            return 0;
        }
        int total = 0;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            int r;
            if (name.startsWith(w)) {
                r = 1;
            } else if (name.contains(w)) {
                r = 2;
            } else if (!ascii[i]) {
                // Chinese words can only be found in the name; codes and pinyin are ASCII.
                return -1;
            } else if (e.code().equals(w)) {
                r = 1;
            } else if (e.code().contains(w)) {
                r = 3;
            } else if (e.item().initials().startsWith(w) || e.item().pinyin().startsWith(w)) {
                r = 4;
            } else if (e.item().initials().contains(w) || e.item().pinyin().contains(w)) {
                r = 5;
            } else {
                return -1;
            }
            total += r;
        }
        return total;
    }
}
