package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.yiwang.common.ApiException;

class PasswordPolicyTest {

    private static ApiException refusal(String password, String username) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> PasswordPolicy.check(password, username));
        assertThat(e).as("refused: %s", password).isNotNull();
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.code()).isEqualTo("INVALID_PARAMETER");
        assertThat(e.parameter()).isEqualTo("password");
        return e;
    }

    @Test
    void aLongEnoughPasswordWithThreeClassesIsAccepted() {
        assertThatCode(() -> PasswordPolicy.check("Hainan2025", "applicant")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("hainan-2025", "applicant")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("HAINAN_2025一网通办", "applicant")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("Aa1!" + "x".repeat(60), null)).doesNotThrowAnyException();
    }

    @Test
    void aPasswordShorterThanEightIsRefused() {
        assertThat(refusal("Ab1!xyz", "admin")).hasMessage("密码至少需要 8 个字符");
        assertThat(refusal("", "admin")).hasMessage("密码至少需要 8 个字符");
        assertThat(refusal(null, "admin")).hasMessage("密码至少需要 8 个字符");
    }

    @Test
    void aPasswordLongerThanSixtyFourIsRefused() {
        assertThat(refusal("Aa1!" + "x".repeat(61), "admin")).hasMessage("密码不能超过 64 个字符");
    }

    @Test
    void aPasswordWithFewerThanThreeClassesIsRefused() {
        String message = "密码需包含小写字母、大写字母、数字、其他符号中的至少三类";
        assertThat(refusal("hainan2025", "admin")).hasMessage(message);
        assertThat(refusal("HAINANhainan", "admin")).hasMessage(message);
        assertThat(refusal("12345678!@#$", "admin")).hasMessage(message);
        assertThat(refusal("一网通办一网通办", "admin")).hasMessage(message);
    }

    @Test
    void aPasswordContainingTheUsernameInAnyCaseIsRefused() {
        assertThat(refusal("hk.Accept2025", "hk.accept")).hasMessage("密码不能包含用户名");
        assertThat(refusal("My-ADMIN-2025", "admin")).hasMessage("密码不能包含用户名");
        assertThat(refusal("x11010519491231002X!", "11010519491231002x")).hasMessage("密码不能包含用户名");
        assertThatCode(() -> PasswordPolicy.check("Hainan2025", " ")).doesNotThrowAnyException();
    }
}
