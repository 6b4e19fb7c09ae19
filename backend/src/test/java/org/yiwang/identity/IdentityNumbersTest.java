package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** ISO 7064 MOD 11-2 in its textbook form: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11. */
    private static String withIdCheck(String body17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body17.charAt(i) - '0') * (1 << (17 - i)) % 11;
        }
        int check = (12 - sum % 11) % 11;
        return body17 + (check == 10 ? "X" : String.valueOf(check));
    }

    /** GB 32100: weights 3^i mod 31. */
    private static String withUsccCheck(String body17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += USCC_CHARS.indexOf(body17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return body17 + USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714: letters valued in base 36, check = 11 - sum mod 11 with 10 → X and 11 → 0. */
    private static boolean orgCodeHolds(String orgCode9) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(orgCode9.charAt(i), 36) * weights[i];
        }
        int check = 11 - sum % 11;
        return orgCode9.charAt(8) == (check == 10 ? 'X' : Character.forDigit(check % 11, 10));
    }

    @Test
    void theGbSampleIdentityNumberIsValid() {
        assertThat(withIdCheck("11010519491231002")).isEqualTo("11010519491231002X");
        IdentityNumbers.Result result = IdentityNumbers.checkIdCard("11010519491231002X", TODAY);
        assertThat(result).isEqualTo(new IdentityNumbers.Result(true, "11010519491231002X", null, null));
    }

    @Test
    void aLowerCaseXAndSurroundingSpacesAreAcceptedAndNormalised() {
        IdentityNumbers.Result result = IdentityNumbers.checkIdCard(" 11010519491231002x ", TODAY);
        assertThat(result.valid()).isTrue();
        assertThat(result.normalized()).isEqualTo("11010519491231002X");
    }

    @Test
    void eachIdentityCardRuleIsReportedByItsCode() {
        assertThat(IdentityNumbers.checkIdCard(null, TODAY).rule()).isEqualTo("LENGTH");
        assertThat(IdentityNumbers.checkIdCard("110105194912310", TODAY).rule()).isEqualTo("LENGTH");
        assertThat(IdentityNumbers.checkIdCard("11010519491231002XX", TODAY).rule()).isEqualTo("LENGTH");
        assertThat(IdentityNumbers.checkIdCard("1101051949123100A2", TODAY).rule()).isEqualTo("CHARSET");
        assertThat(IdentityNumbers.checkIdCard("11010519491231002Y", TODAY).rule()).isEqualTo("CHARSET");
        assertThat(IdentityNumbers.checkIdCard(withIdCheck("99010519491231002"), TODAY).rule()).isEqualTo("REGION");
        assertThat(IdentityNumbers.checkIdCard(withIdCheck("00010519491231002"), TODAY).rule()).isEqualTo("REGION");
        assertThat(IdentityNumbers.checkIdCard("110105194912310021", TODAY).rule()).isEqualTo("CHECK_DIGIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"19490230", "19491301", "19490001", "18991231", "20250701", "99991231"})
    void aBirthDateThatIsNotARealPastDateSince1900IsRejected(String birth) {
        IdentityNumbers.Result result = IdentityNumbers.checkIdCard(withIdCheck("460105" + birth + "123"), TODAY);
        assertThat(result.valid()).isFalse();
        assertThat(result.rule()).isEqualTo("BIRTH_DATE");
        assertThat(result.message()).isEqualTo("身份证号中的出生日期不正确");
    }

    @ParameterizedTest
    @ValueSource(strings = {"19000101", "20000229", "20250630"})
    void birthDatesAtTheEdgesAreAccepted(String birth) {
        assertThat(IdentityNumbers.checkIdCard(withIdCheck("460105" + birth + "123"), TODAY).valid()).isTrue();
    }

    @Test
    void messagesAreChineseSentencesNamingTheRule() {
        assertThat(IdentityNumbers.checkIdCard("110105194912310021", TODAY).message()).isEqualTo("身份证号校验位不正确");
        assertThat(IdentityNumbers.checkIdCard("123", TODAY).message()).isEqualTo("身份证号应为 18 位");
        assertThat(IdentityNumbers.checkUscc("91350100M000100Y44").message()).isEqualTo("统一社会信用代码校验位不正确");
    }

    @Test
    void hongKongMacaoAndTaiwanResidencePermitNumbersAreAccepted() {
        for (String region : new String[] {"810000", "820000", "830000"}) {
            assertThat(IdentityNumbers.checkIdCard(withIdCheck(region + "19900101001"), TODAY).valid()).isTrue();
        }
    }

    @Test
    void generatedIdentityNumbersAreValidAndDeterministic() {
        for (int sequence : new int[] {0, 1, 2, 500, 999}) {
            String number = IdentityNumbers.generateIdCard("469027", LocalDate.of(1988, 2, 29), sequence);
            assertThat(number).hasSize(18).startsWith("46902719880229");
            assertThat(number).isEqualTo(withIdCheck(number.substring(0, 17)));
            assertThat(IdentityNumbers.checkIdCard(number, TODAY).valid()).isTrue();
        }
        assertThat(IdentityNumbers.generateIdCard("460100", LocalDate.of(1970, 1, 1), 7))
                .isEqualTo(IdentityNumbers.generateIdCard("460100", LocalDate.of(1970, 1, 1), 7))
                .isEqualTo(withIdCheck("46010019700101007"));
    }

    @Test
    void theGeneratorRefusesArgumentsThatCannotMakeAValidNumber() {
        LocalDate birth = LocalDate.of(1990, 1, 1);
        assertThatThrownBy(() -> IdentityNumbers.generateIdCard("4601", birth, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityNumbers.generateIdCard("990100", birth, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityNumbers.generateIdCard("460100", birth, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityNumbers.generateIdCard("460100", LocalDate.of(1899, 12, 31), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityNumbers.generateUscc("46A100", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realFormatCreditCodesAreValid() {
        for (String code : new String[] {"91350100M000100Y43", "91110000600037341L", "12440600MB2C07549J"}) {
            assertThat(withUsccCheck(code.substring(0, 17))).isEqualTo(code);
            assertThat(orgCodeHolds(code.substring(8, 17))).isTrue();
            assertThat(IdentityNumbers.checkUscc(code)).isEqualTo(new IdentityNumbers.Result(true, code, null, null));
        }
    }

    @Test
    void aCreditCodeIsUpperCasedAndTrimmed() {
        IdentityNumbers.Result result = IdentityNumbers.checkUscc(" 91350100m000100y43\t");
        assertThat(result.valid()).isTrue();
        assertThat(result.normalized()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void eachCreditCodeRuleIsReportedByItsCode() {
        assertThat(IdentityNumbers.checkUscc(null).rule()).isEqualTo("LENGTH");
        assertThat(IdentityNumbers.checkUscc("91350100M000100Y4").rule()).isEqualTo("LENGTH");
        for (String excluded : new String[] {"I", "O", "Z", "S", "V", "-"}) {
            assertThat(IdentityNumbers.checkUscc("91350100M0001" + excluded + "0Y43").rule()).isEqualTo("CHARSET");
        }
        assertThat(IdentityNumbers.checkUscc(withUsccCheck("B1350100M000100Y4")).rule()).isEqualTo("AUTHORITY");
        assertThat(IdentityNumbers.checkUscc(withUsccCheck("913501A0M000100Y4")).rule()).isEqualTo("REGION");
        assertThat(IdentityNumbers.checkUscc(withUsccCheck("91990100M000100Y4")).rule()).isEqualTo("REGION");
        assertThat(IdentityNumbers.checkUscc("91350100M000100Y44").rule()).isEqualTo("CHECK_DIGIT");
    }

    @Test
    void everyDefinedAuthorityAndANationalRegistrationAreAccepted() {
        for (char authority : "123456789ANY".toCharArray()) {
            assertThat(IdentityNumbers.checkUscc(withUsccCheck(authority + "1460100MA5T00001")).valid()).isTrue();
        }
        assertThat(IdentityNumbers.checkUscc(withUsccCheck("51100000500000000")).valid()).isTrue();
    }

    @Test
    void theOrganisationCodeCheckIsNotEnforced() {
        String code = withUsccCheck("91460100MA5T00001");
        assertThat(orgCodeHolds(code.substring(8, 17))).isFalse();
        assertThat(IdentityNumbers.checkUscc(code).valid()).isTrue();
    }

    @Test
    void generatedCreditCodesAreValidIncludingTheOrganisationCodeAndDeterministic() {
        for (int i = 0; i < 200; i++) {
            String code = IdentityNumbers.generateUscc("460100", "company-" + i);
            assertThat(code).hasSize(18).startsWith("91460100");
            assertThat(code).isEqualTo(withUsccCheck(code.substring(0, 17)));
            assertThat(orgCodeHolds(code.substring(8, 17))).as(code).isTrue();
            assertThat(IdentityNumbers.checkUscc(code).valid()).isTrue();
        }
        assertThat(IdentityNumbers.generateUscc("460100", "海口示范企业"))
                .isEqualTo(IdentityNumbers.generateUscc("460100", "海口示范企业"))
                .isNotEqualTo(IdentityNumbers.generateUscc("460100", "三亚示范企业"));
    }

    @Test
    void theBirthDateAndRegionAreReadFromTheNumber() {
        assertThat(IdentityNumbers.birthDate("11010519491231002x")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThatThrownBy(() -> IdentityNumbers.birthDate("110105194913310021"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(IdentityNumbers.regionPrefix("11010519491231002X")).isEqualTo("110105");
        assertThat(IdentityNumbers.regionPrefix("91350100M000100Y43")).isEqualTo("350100");
        assertThat(IdentityNumbers.regionPrefix("91110000600037341L")).isEqualTo("110000");
        assertThatThrownBy(() -> IdentityNumbers.regionPrefix("110105194912310021"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
