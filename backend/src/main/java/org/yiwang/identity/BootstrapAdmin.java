package org.yiwang.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;

import org.apache.shiro.authc.credential.PasswordService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;

/**
 * The first system administrator of a real installation: started once with {@code yiwang.bootstrap.admin=<name>}
 * ({@code YIWANG_BOOTSTRAP_ADMIN}), the platform creates that account with a random one-time password, written to
 * the log this once, which must be changed at first login. While any enabled system administrator exists it
 * refuses and creates nothing, so leaving the option set does no harm.
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityMapper mapper;
    private final PasswordService passwords;
    private final RegionService regions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String username;
    private final String agencyCode;

    BootstrapAdmin(IdentityMapper mapper, PasswordService passwords, RegionService regions, TransactionTemplate transactions,
            Clock clock, @Value("${yiwang.bootstrap.admin:}") String username,
            @Value("${yiwang.bootstrap.admin-agency:P030}") String agencyCode) {
        this.mapper = mapper;
        this.passwords = passwords;
        this.regions = regions;
        this.transactions = transactions;
        this.clock = clock;
        this.username = username.trim();
        this.agencyCode = agencyCode.trim();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (!username.isEmpty()) {
            create(username);
        }
    }

    /** Creates the administrator unless one exists; true when it did. */
    boolean create(String name) {
        if (!name.matches("[a-z][a-z0-9._-]{2,31}")) {
            log.error("yiwang.bootstrap.admin: '{}' is no valid login name (3 to 32 of a-z 0-9 . _ -, starting with a letter); "
                    + "no administrator created", name);
            return false;
        }
        Agency agency = regions.agencyByCode(agencyCode).orElse(null);
        if (agency == null) {
            log.error("yiwang.bootstrap.admin-agency: no agency with code {}; no administrator created", agencyCode);
            return false;
        }
        String password = oneTimePassword();
        Boolean created = transactions.execute(tx -> {
            if (mapper.countEnabledWithRole(Role.SYS_ADMIN.name()) > 0) {
                return false;
            }
            IdentityMapper.NewAccount a = new IdentityMapper.NewAccount();
            a.username = name;
            a.kind = CurrentUser.Kind.STAFF.name();
            a.displayName = "系统管理员";
            a.regionCode = agency.regionCode();
            a.agencyId = agency.id();
            a.passwordHash = passwords.encryptPassword(password);
            a.mustChangePassword = true;
            a.createdAt = LocalDateTime.now(clock);
            try {
                mapper.insertAccount(a);
            } catch (DuplicateKeyException e) {
                return false;
            }
            mapper.insertRole(a.id, Role.SYS_ADMIN.name());
            return true;
        });
        if (!Boolean.TRUE.equals(created)) {
            log.warn("yiwang.bootstrap.admin: a system administrator exists already (or the name {} is taken); nothing created. "
                    + "Remove the option.", name);
            return false;
        }
        // The one and only time this password is shown; it is stored as a hash and must be changed at first login.
        log.warn("yiwang.bootstrap.admin: system administrator {} created at {} with the one-time password {} "
                + "- log in and change it now; remove the option.", name, agency.name(), password);
        return true;
    }

    /** Groups of four letters and digits: never read as a phone number by the log masking. */
    private static String oneTimePassword() {
        StringBuilder sb = new StringBuilder("Yw");
        for (int i = 0; i < 16; i++) {
            sb.append(i % 4 == 0 ? '-' : "").append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
