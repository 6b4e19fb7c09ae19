package org.yiwang.notification;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.IdentityService;

import jakarta.annotation.PreDestroy;

/**
 * The in-app message centre of applicants and staff. When an SMTP server is configured
 * ({@code spring.mail.host}) and the account gave an e-mail address, the message is mailed too — after the
 * transaction commits and off the request thread, so a slow or failing mail server never fails a step.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationMapper mapper;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final String from;
    private final ExecutorService mailer = Executors.newSingleThreadExecutor(r -> new Thread(r, "yiwang-mail"));

    NotificationService(NotificationMapper mapper, Clock clock, ObjectProvider<JavaMailSender> mail,
            IdentityService identity, ApplicationEventPublisher events,
            @Value("${yiwang.mail.from:noreply@zwfw.hainan.gov.cn}") String from) {
        this.mapper = mapper;
        this.clock = clock;
        this.mail = mail;
        this.identity = identity;
        this.events = events;
        this.from = from;
    }

    public void send(long accountId, String title, String body, String applicationNo) {
        mapper.insert(accountId, LocalDateTime.now(clock), title, body, applicationNo);
        if (mail.getIfAvailable() != null) {
            identity.emailOf(accountId).ifPresent(to -> events.publishEvent(new OutgoingMail(to, title, body)));
        }
    }

    public void send(Collection<Long> accountIds, String title, String body, String applicationNo) {
        accountIds.forEach(id -> send(id, title, body, applicationNo));
    }

    /**
     * Mails a message to an address outside the message centre (e.g. a password reset link), off the request
     * thread once the transaction commits; false when no SMTP server is configured.
     */
    public boolean mailTo(String to, String title, String body) {
        if (mail.getIfAvailable() == null) {
            return false;
        }
        events.publishEvent(new OutgoingMail(to, title, body));
        return true;
    }

    public PageResult<Notification> inbox(long accountId, Paging paging) {
        return paging.result(mapper.find(accountId, paging.offset(), paging.size()), mapper.count(accountId));
    }

    public long unread(long accountId) {
        return mapper.countUnread(accountId);
    }

    public boolean markRead(long accountId, long id) {
        return mapper.markRead(accountId, id, LocalDateTime.now(clock)) > 0;
    }

    @PreDestroy
    void stop() {
        mailer.shutdown();
    }

    private void mail(JavaMailSender sender, String to, String title, String body) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("【海南政务服务】" + title);
        message.setText(body + "\n\n本邮件由海南省一网通办平台自动发送，请勿回复。");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("mail to account notification failed: {}", e.getMessage());
        }
    }

    /** A mail to send once the transaction that wrote the message commits (at once outside a transaction). */
    record OutgoingMail(String to, String title, String body) {
    }

    @TransactionalEventListener(fallbackExecution = true)
    void sendMail(OutgoingMail m) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            mailer.execute(() -> mail(sender, m.to(), m.title(), m.body()));
        }
    }
}
