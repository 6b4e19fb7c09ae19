package org.yiwang.identity;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface IdentityMapper {

    Account findByUsername(@Param("username") String username);

    Account findByIdNumberHash(@Param("hash") String hash);

    Account findById(@Param("id") long id);

    List<String> findRoles(@Param("accountId") long accountId);

    void insertAccount(@Param("a") NewAccount account);

    void insertRole(@Param("accountId") long accountId, @Param("role") String role);

    void deleteRoles(@Param("accountId") long accountId);

    int recordFailure(@Param("id") long id, @Param("lockAfter") int lockAfter, @Param("lockedUntil") LocalDateTime lockedUntil);

    void resetFailures(@Param("id") long id);

    /** A new password; {@code mustChange} when an administrator set it and the holder must replace it. */
    void updatePassword(@Param("id") long id, @Param("passwordHash") String passwordHash, @Param("mustChange") boolean mustChange);

    void setEnabled(@Param("id") long id, @Param("enabled") boolean enabled);

    Integer addressFailures(@Param("address") String address, @Param("since") LocalDateTime since);

    int bumpAddress(@Param("address") String address, @Param("since") LocalDateTime since, @Param("now") LocalDateTime now);

    void insertAddress(@Param("address") String address, @Param("now") LocalDateTime now);

    void clearAddress(@Param("address") String address);

    List<StaffMember> findStaff(@Param("regionPrefix") String regionPrefix, @Param("agencyId") Long agencyId,
            @Param("q") String q, @Param("offset") int offset, @Param("limit") int limit);

    long countStaff(@Param("regionPrefix") String regionPrefix, @Param("agencyId") Long agencyId, @Param("q") String q);

    StaffMember findStaffMember(@Param("id") long id);

    long countEnabledWithRole(@Param("role") String role);

    /** Staff of an agency holding a role, for task assignment and notifications. */
    List<Long> findStaffIds(@Param("agencyId") long agencyId, @Param("role") String role);

    int countResetsSince(@Param("accountId") long accountId, @Param("since") LocalDateTime since);

    void insertReset(@Param("accountId") long accountId, @Param("tokenHash") String tokenHash,
            @Param("createdAt") LocalDateTime createdAt, @Param("expiresAt") LocalDateTime expiresAt);

    /** The account of an unused, unexpired reset token, or null. */
    Long findResetAccount(@Param("tokenHash") String tokenHash, @Param("now") LocalDateTime now);

    /** Marks the token used; 0 when another request used it first or it expired meanwhile. */
    int useReset(@Param("tokenHash") String tokenHash, @Param("now") LocalDateTime now);

    /** Ends every other outstanding token of the account. */
    void useAllResets(@Param("accountId") long accountId, @Param("now") LocalDateTime now);

    /** A mutable holder for the generated key of a new account. */
    final class NewAccount {
        public Long id;
        public String username;
        public String kind;
        public String displayName;
        public String idType;
        public String idNumberEnc;
        public String idNumberHash;
        public String phoneEnc;
        public String emailEnc;
        public String regionCode;
        public Long agencyId;
        public String passwordHash;
        public boolean mustChangePassword;
        public LocalDateTime createdAt;
    }
}
