package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/** With an SMTP server configured, an applicant who gave an e-mail address is told by mail too. */
@IntegrationTest
class MailNotificationTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
    }

    @LocalServerPort
    int port;

    @Test
    void anAcceptedApplicationIsMailedToTheApplicant() throws Exception {
        String id = IdentityNumbers.generateIdCard("460107", LocalDate.of(1988, 2, 2), 61);
        Map<String, Object> registration = new HashMap<>(Map.of("idType", "ID_CARD", "idNumber", id, "name", "王邮件",
                "phone", "13698765432", "password", "Mail-Pass-2026", "email", "wang.youjian@example.cn"));
        Api applicant = new Api(port);
        Api.Response created = applicant.post("/api/v1/auth/register", registration);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        applicant.csrfToken(created.json().path("csrfToken").asText());

        Journeys j = new Journeys(port);
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mails) {
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("wang.youjian@example.cn");
            subjects.add(m.getSubject() + " | " + m.getContent());
        }
        assertThat(subjects).anyMatch(s -> s.contains("申请已受理") && s.contains(no));
    }
}
