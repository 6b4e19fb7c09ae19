package org.yiwang.identity;

import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;

/**
 * Authorisation from the roles carried by the session's {@link CurrentUser}. Authentication itself
 * (lockout, address throttling, password check) happens in {@link IdentityService}, which hands the realm
 * an already verified user through {@link VerifiedLogin}.
 */
class AccountRealm extends AuthorizingRealm {

    AccountRealm() {
        setAuthenticationTokenClass(VerifiedLogin.class);
        setCredentialsMatcher((token, info) -> token instanceof VerifiedLogin);
        setCachingEnabled(false);
    }

    /** A login whose password was checked by {@link IdentityService}. */
    record VerifiedLogin(CurrentUser user) implements AuthenticationToken {

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public Object getCredentials() {
            return user;
        }
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        return new SimpleAuthenticationInfo(((VerifiedLogin) token).user(), token.getCredentials(), getName());
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        CurrentUser user = (CurrentUser) principals.getPrimaryPrincipal();
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        user.roles().forEach(r -> info.addRole(r.name()));
        info.setStringPermissions(user.permissions());
        return info;
    }
}
