package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void anIdNumberKeepsItsFirstAndLastFour() {
        assertThat(Masking.idNumber("46902719880229123X")).isEqualTo("4690**********123X");
        assertThat(Masking.idNumber(" 91350100M000100Y43 ")).isEqualTo("9135**********0Y43");
        assertThat(Masking.idNumber("46902719880229123X")).hasSize(18);
    }

    @Test
    void aShorterNumberKeepsOnlyItsLastTwo() {
        assertThat(Masking.idNumber("460027880229123")).isEqualTo("*************23");
        assertThat(Masking.idNumber("AB")).isEqualTo("**");
        assertThat(Masking.idNumber("")).isEmpty();
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void aMobileKeepsItsFirstThreeAndLastFour() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone(" 19912345678 ")).isEqualTo("199****5678");
    }

    @Test
    void aLandlineKeepsItsAreaCodeAndLastTwo() {
        assertThat(Masking.phone("0898-66781234")).isEqualTo("0898-******34");
        assertThat(Masking.phone("089866781234")).isEqualTo("0898******34");
        assertThat(Masking.phone("010-12345678")).isEqualTo("010-******78");
        assertThat(Masking.phone("020-1234567")).isEqualTo("020-*****67");
    }

    @Test
    void anyOtherPhoneKeepsItsSeparatorsAndLastTwoDigits() {
        assertThat(Masking.phone("+86 138 1234 5678")).isEqualTo("+** *** **** **78");
        assertThat(Masking.phone("12345")).isEqualTo("***45");
        assertThat(Masking.phone("12")).isEqualTo("**");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void aNameKeepsItsFirstCharacter() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("艾力·买买提")).isEqualTo("艾*·***");
        assertThat(Masking.name("𠇔小明")).isEqualTo("𠇔**");
        assertThat(Masking.name("王")).isEqualTo("*");
        assertThat(Masking.name(null)).isNull();
    }

    @Test
    void idNumbersAndMobilesInsideFreeTextAreMasked() {
        assertThat(Masking.text("申请人张三（身份证号46902719880229123x，电话13812345678）材料齐全"))
                .isEqualTo("申请人张三（身份证号4690**********123x，电话138****5678）材料齐全");
        assertThat(Masking.text("login ok id=11010519491231002X phone=+8613812345678 tel 86-13912345678"))
                .isEqualTo("login ok id=1101**********002X phone=+86138****5678 tel 86-139****5678");
        assertThat(Masking.text("13812345678,13912345678")).isEqualTo("138****5678,139****5678");
    }

    @Test
    void otherNumbersInFreeTextAreLeftAlone() {
        String text = "办件 4601002025063000012 第 12345678901 号，金额 138123456789 元，代码 91350100M000100Y43，"
                + "编号 X11010519491231002X";
        assertThat(Masking.text(text)).isEqualTo(text);
        assertThat(Masking.text(null)).isNull();
    }
}
