package dev.modeldock.service;

import dev.modeldock.registry.ApiToken;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.User;
import dev.modeldock.registry.Users;
import java.util.List;
import java.util.Optional;

/** Users, their roles and their API tokens. */
public final class UserService {
    private final Users users;

    UserService(Users users) {
        this.users = users;
    }

    /** The user an API token belongs to; empty for a token that is unknown or revoked. */
    public Optional<User> authenticate(String token) {
        return users.authenticate(token);
    }

    public List<User> list() {
        return users.list();
    }

    public User create(String name, Role role, String actor) {
        return users.create(name, role, actor);
    }

    /** Deletes a user and their tokens; the last admin is refused ({@code ConflictException}). */
    public void delete(String name, String actor) {
        users.delete(name, actor);
    }

    /** Gives a user another role; the last admin keeps theirs ({@code ConflictException}). */
    public User setRole(String name, Role role, String actor) {
        return users.setRole(name, role, actor);
    }

    /** Issues a new API token for {@code name}; only its hash is kept, so this is the one time it is seen. */
    public String issueToken(String name, String label, String actor) {
        Limits.check("label", label, Limits.TOKEN_LABEL);
        return users.issueToken(name, label, actor);
    }

    /** The user by name ({@code NotFoundException} when unknown). */
    public User get(String name) {
        return users.get(name);
    }

    /** The user's API tokens, as their owner sees them: label and date, never the token. */
    public List<ApiToken> tokens(String name) {
        return users.tokens(name);
    }

    /** Revokes one of the user's tokens; scripts using it are refused from the next request on. */
    public void revokeToken(String name, String tokenId, String actor) {
        users.revokeToken(name, tokenId, actor);
    }
}
