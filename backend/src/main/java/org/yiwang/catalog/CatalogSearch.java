package org.yiwang.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The catalogue held in memory for search as service (搜索即服务). MariaDB has no n-gram parser for Chinese
 * full-text search, and 11,702 items fit easily in memory. Items are kept in their display order (shorter
 * names first, then level and code), so a search only scans once and drops each hit into the bucket of its
 * rank: no sorting per request. Most items are the same catalogue entry implemented in many places, so names
 * and their pinyin are matched once per distinct name and only item codes once per item.
 */
final class CatalogSearch {

    private static final int RANKS = 32;
    /** Items not implemented at the applicant's place follow all those that are. */
    private static final int ELSEWHERE = RANKS / 2;
    /** A word that does not match a name, or its pinyin. */
    private static final int NO_MATCH = -1;

    private final List<Name> names;
    private final List<Entry> entries;

    /** Bracketed notes in item names, e.g. the （含保健食品） of 食品（含保健食品）经营许可核发. */
    private static final Pattern NOTE = Pattern.compile("[(（][^()（）]*[)）]");

    /** A distinct name; {@code plain} without its notes, so that 食品经营许可 finds 食品(含保健食品)经营许可核发. */
    private record Name(String name, String plain, String pinyin, String initials) {
    }

    private record Entry(Item item, String code, int name) {
    }

    record Page(List<Item> items, int total) {
    }

    CatalogSearch(List<Item> items) {
        Map<Name, Integer> distinct = new HashMap<>();
        List<Name> names = new ArrayList<>();
        this.entries = items.stream()
                .sorted(Comparator.comparingInt((Item i) -> i.name().length()).thenComparing(Item::level).thenComparing(Item::code))
                .map(i -> new Entry(i, i.code().toLowerCase(Locale.ROOT), distinct.computeIfAbsent(new Name(i.name(), NOTE.matcher(i.name()).replaceAll(""), i.pinyin(), i.initials()), n -> {
                    names.add(n);
                    return names.size() - 1;
                })))
                .toList();
        this.names = List.copyOf(names);
    }

    int size() {
        return entries.size();
    }

    List<Item> items() {
        return entries.stream().map(Entry::item).toList();
    }

    /**
     * One page of matching items, best first: the exact name, then names starting with the words, names
     * containing them, item codes, and finally pinyin and pinyin initials — items the applicant can get done at
     * their own place ({@code local}) before all others.
     */
    Page search(String q, Predicate<Item> filter, Predicate<Item> local, int offset, int limit) {
        Query query = new Query(q == null ? "" : q.trim(), names);
        List<List<Item>> buckets = new ArrayList<>(RANKS);
        for (int i = 0; i < RANKS; i++) {
            buckets.add(new ArrayList<>());
        }
        int total = 0;
        for (Entry e : entries) {
            int rank = query.rank(e);
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

    /** The words of a query, matched against every distinct name up front. */
    private static final class Query {

        private final String[] words;
        private final boolean[] ascii;
        private final boolean[] exact;
        /** Per word and name: 1 the name starts with the word, 2 contains it, 0 neither. */
        private final int[][] inName;
        /** Per word and name: 4 the pinyin or initials start with the word, 5 contain it, otherwise NO_MATCH. */
        private final int[][] inPinyin;

        Query(String whole, List<Name> names) {
            words = whole.isEmpty() ? new String[0] : whole.toLowerCase(Locale.ROOT).split("\\s+");
            ascii = new boolean[words.length];
            exact = new boolean[names.size()];
            inName = new int[words.length][names.size()];
            inPinyin = new int[words.length][names.size()];
            for (int n = 0; n < names.size(); n++) {
                exact[n] = names.get(n).name().equals(whole);
            }
            for (int w = 0; w < words.length; w++) {
                String word = words[w];
                ascii[w] = word.chars().allMatch(c -> c < 128);
                for (int n = 0; n < names.size(); n++) {
                    Name name = names.get(n);
                    int direct = place(name.name(), word);
                    inName[w][n] = direct != 0 ? direct : place(name.plain(), word);
                    inPinyin[w][n] = name.initials().startsWith(word) || name.pinyin().startsWith(word) ? 4
                            : name.initials().contains(word) || name.pinyin().contains(word) ? 5 : NO_MATCH;
                }
            }
        }

        /** 1 the text starts with the word, 2 contains it, 0 neither. */
        private static int place(String text, String word) {
            return text.startsWith(word) ? 1 : text.contains(word) ? 2 : 0;
        }

        /** -1 when some word does not match; otherwise lower is better. */
        int rank(Entry e) {
            if (words.length == 0 || exact[e.name()]) {
                return 0;
            }
            int total = 0;
            for (int w = 0; w < words.length; w++) {
                int r = inName[w][e.name()];
                if (r == 0) {
                    if (!ascii[w]) {
                        // Chinese words can only be found in the name; codes and pinyin are ASCII.
                        return -1;
                    }
                    r = e.code().equals(words[w]) ? 1 : e.code().contains(words[w]) ? 3 : inPinyin[w][e.name()];
                    if (r == NO_MATCH) {
                        return -1;
                    }
                }
                total += r;
            }
            return total;
        }
    }
}
