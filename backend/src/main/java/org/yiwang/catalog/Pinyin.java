package org.yiwang.catalog;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/** Full pinyin and initials of item names, so that {@code spjy} and {@code shipin} find 食品经营…. */
public final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Pinyin() {
    }

    public record Spelling(String full, String initials) {
    }

    /** Polyphonic characters take their most common reading; letters and digits are kept lower-cased. */
    public static Spelling of(String text) {
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        for (char c : text.toCharArray()) {
            String syllable = syllable(c);
            if (syllable != null) {
                full.append(syllable);
                initials.append(syllable.charAt(0));
            } else if (Character.isLetterOrDigit(c) && c < 128) {
                char lower = Character.toLowerCase(c);
                full.append(lower);
                initials.append(lower);
            }
        }
        return new Spelling(full.toString(), initials.toString());
    }

    private static String syllable(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }
}
