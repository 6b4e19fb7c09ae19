package org.yiwang.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Pinyin;

/**
 * One immutable Lucene index over the catalogue, one document per catalogue entry (基本编码) rather than per place
 * that offers it. Chinese text is indexed twice: as smartcn words (precise: 驾驶证 matches the word, not 驾驶 + 证
 * anywhere) and as CJK bigrams (tolerant: 残疾补贴 still meets 残疾人生活补贴). Pinyin and initials of the name,
 * without its bracketed notes, are single tokens, so that a prefix ({@code spjy} → 食品经营许可) outranks a match
 * inside the word (艺术品经营). A new catalogue builds a new index; searches keep the one they started with.
 */
final class SearchIndex {

    /** Bracketed notes in item names, e.g. the (含保健食品) of 食品(含保健食品)经营许可核发. */
    private static final Pattern NOTE = Pattern.compile("[(（][^()（）]*[)）]");
    private static final Pattern ASCII_WORD = Pattern.compile("[a-z0-9]+");

    /** One catalogue entry: its places (the items implementing it), and what is indexed of it. */
    record Entry(String basicCode, String name, List<Item> places, List<String> materials, long applications) {
    }

    record Hit(Entry entry, float score) {
    }

    private final Map<String, Entry> entries;
    private final Map<String, Entry> byName = new java.util.HashMap<>();
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final QueryBuilder words;

    SearchIndex(List<Item> items, Map<String, List<String>> materials, Map<String, Long> applications) {
        Map<String, List<Item>> byBasic = new LinkedHashMap<>();
        for (Item item : items) {
            byBasic.computeIfAbsent(item.basicCode(), k -> new ArrayList<>()).add(item);
        }
        Map<String, Entry> built = new LinkedHashMap<>();
        byBasic.forEach((basic, places) -> {
            places.sort(Comparator.comparing(Item::regionCode).thenComparing(Item::code));
            // Places may name one entry slightly differently; the shortest name is the catalogue's own.
            String name = places.stream().map(Item::name).min(Comparator.comparingInt(String::length)
                    .thenComparing(Comparator.naturalOrder())).orElseThrow();
            built.put(basic, new Entry(basic, name, List.copyOf(places), materials.getOrDefault(basic, List.of()),
                    applications.getOrDefault(basic, 0L)));
        });
        this.entries = built;
        for (Entry e : built.values()) {
            e.places().forEach(p -> byName.putIfAbsent(p.name(), e));
        }
        this.analyzer = analyzer();
        this.words = new QueryBuilder(analyzer);
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Entry e : built.values()) {
                writer.addDocument(document(e));
            }
            writer.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Analyzer analyzer() {
        CJKAnalyzer bigrams = new CJKAnalyzer();
        return new PerFieldAnalyzerWrapper(new SmartChineseAnalyzer(), Map.of("nameBigrams", bigrams, "textBigrams", bigrams));
    }

    private static Document document(Entry e) {
        Document doc = new Document();
        doc.add(new StringField("basic", e.basicCode(), Field.Store.YES));
        String plain = NOTE.matcher(e.name()).replaceAll("");
        doc.add(new TextField("name", e.name(), Field.Store.NO));
        doc.add(new TextField("nameBigrams", e.name(), Field.Store.NO));
        Pinyin.Spelling spelling = Pinyin.of(plain);
        doc.add(new StringField("pinyin", spelling.full(), Field.Store.NO));
        doc.add(new StringField("initials", spelling.initials(), Field.Store.NO));
        Item first = e.places().get(0);
        StringBuilder text = new StringBuilder();
        text.append(first.mainItemName() == null ? "" : first.mainItemName()).append('\n')
                .append(first.typeName()).append('\n').append(first.lawBasis()).append('\n')
                .append(first.processDescription()).append('\n').append(String.join("\n", e.materials()));
        e.places().stream().map(Item::agencyName).distinct().limit(30).forEach(a -> text.append('\n').append(a));
        // Guide text only as bigrams: smartcn's segmenter costs too much over every guide for a rebuild in seconds.
        doc.add(new TextField("textBigrams", text.toString(), Field.Store.NO));
        for (Item place : e.places()) {
            doc.add(new StringField("code", place.code().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        // Popularity: real submitted applications, saturating so that it orders near-equals and never drowns relevance.
        doc.add(new FeatureField("features", "popularity", 1 + e.applications()));
        return doc;
    }

    int size() {
        return entries.size();
    }

    /** The entry some place names exactly so. */
    Entry named(String name) {
        return byName.get(name);
    }

    /**
     * The best entries for the query, with the synonym expansions searched beside it: an administrator's mapping
     * of a colloquial word is stronger evidence than the words' chance overlap with other names, so it weighs more.
     */
    List<Hit> search(String q, List<String> expansions, int limit) {
        String query = q.toLowerCase(Locale.ROOT).trim();
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = addText(should, query, 1f);
        for (String expansion : expansions) {
            clauses += addText(should, expansion, 1.5f);
        }
        if (ASCII_WORD.matcher(query).matches()) {
            clauses += addPinyin(should, query);
        }
        if (clauses == 0) {
            return List.of();
        }
        Query relevance = should.build();
        Query ranked = new BooleanQuery.Builder().add(relevance, Occur.MUST)
                .add(FeatureField.newSaturationQuery("features", "popularity", 0.3f, 10f), Occur.SHOULD).build();
        try {
            TopDocs top = searcher.search(ranked, limit);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                String basic = searcher.storedFields().document(d.doc).get("basic");
                hits.add(new Hit(entries.get(basic), d.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names whose pinyin, initials or words start like what is being typed, for suggestions. */
    List<String> suggest(String q, int limit) {
        return search(q, List.of(), limit).stream().map(h -> h.entry().name()).toList();
    }

    private int addText(BooleanQuery.Builder should, String text, float weight) {
        int added = 0;
        added += add(should, words.createPhraseQuery("name", text), 8 * weight);
        // Most of the words must match, so that one shared character or number does not make a result.
        added += add(should, words.createMinShouldMatchQuery("name", text, 0.5f), 4 * weight);
        added += add(should, words.createMinShouldMatchQuery("nameBigrams", text, 0.5f), 3 * weight);
        added += add(should, words.createMinShouldMatchQuery("textBigrams", text, 0.75f), 0.6f * weight);
        return added;
    }

    /** Prefix of the pinyin or initials above a match inside them; one typo forgiven in full pinyin. */
    private static int addPinyin(BooleanQuery.Builder should, String q) {
        should.add(new BoostQuery(new TermQuery(new Term("code", q)), 30), Occur.SHOULD);
        should.add(new BoostQuery(new PrefixQuery(new Term("code", q)), 10), Occur.SHOULD);
        should.add(new BoostQuery(new PrefixQuery(new Term("initials", q)), 12), Occur.SHOULD);
        should.add(new BoostQuery(new PrefixQuery(new Term("pinyin", q)), 12), Occur.SHOULD);
        if (q.length() >= 2) {
            should.add(new BoostQuery(new WildcardQuery(new Term("initials", "*" + q + "*")), 6), Occur.SHOULD);
        }
        if (q.length() >= 3) {
            should.add(new BoostQuery(new WildcardQuery(new Term("pinyin", "*" + q + "*")), 6), Occur.SHOULD);
        }
        if (q.length() >= 5) {
            // A typo in the pinyin of a whole short name (shipinjingyin → shipinjingying…): forgiven, ranked lower.
            should.add(new BoostQuery(new FuzzyQuery(new Term("pinyin", q), 2, 1), 3), Occur.SHOULD);
        }
        return 1;
    }

    private static int add(BooleanQuery.Builder should, Query query, float boost) {
        if (query == null) {
            return 0;
        }
        should.add(new BoostQuery(query, boost), Occur.SHOULD);
        return 1;
    }
}
