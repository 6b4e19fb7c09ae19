package org.yiwang.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The catalogue held in memory for search as service (搜索即服务). MariaDB has no n-gram parser for Chinese
 * full-text search, and 11,702 items fit easily in memory: a scan with substring matching on the name, the
 * code, the pinyin and its initials answers in a few milliseconds.
 */
final class CatalogSearch {

    private final List<Entry> entries;

    private record Entry(Item item, String code) {
    }

    record Hit(Item item, int rank) {
    }

    CatalogSearch(List<Item> items) {
        this.entries = items.stream().map(i -> new Entry(i, i.code().toLowerCase(Locale.ROOT))).toList();
    }

    int size() {
        return entries.size();
    }

    /**
     * Matching items, best first: the exact name, then names starting with the words, names containing
     * them, item codes, and finally pinyin and pinyin initials.
     */
    List<Item> search(String q, Predicate<Item> filter) {
        String[] words = q == null || q.isBlank() ? new String[0] : q.trim().toLowerCase(Locale.ROOT).split("\\s+");
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            if (!filter.test(e.item())) {
                continue;
            }
            int rank = words.length == 0 ? 0 : rank(e, words, q.trim());
            if (rank >= 0) {
                hits.add(new Hit(e.item(), rank));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::rank)
                .thenComparingInt(h -> h.item().name().length())
                .thenComparing(h -> h.item().level())
                .thenComparing(h -> h.item().code()));
        return hits.stream().map(Hit::item).toList();
    }

    /** -1 when some word does not match; otherwise lower is better. */
    private static int rank(Entry e, String[] words, String whole) {
        String name = e.item().name();
        if (name.equals(whole)) {
            return 0;
        }
        int total = 0;
        for (String w : words) {
            int r;
            if (name.startsWith(w)) {
                r = 1;
            } else if (name.contains(w)) {
                r = 2;
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
