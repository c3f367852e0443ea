package io.github.eventcontracts.registry.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Karapace's authfile ({@code registry.authfile}), read as Karapace reads it:
 *
 * <pre>{@code
 * {"users": [{"username": "alice", "algorithm": "sha512", "salt": "...", "password_hash": "..."}],
 *  "permissions": [{"username": "alice", "operation": "Write", "resource": "Subject:orders-.*"},
 *                  {"username": "alice", "operation": "Read", "resource": "Config:"}]}
 * }</pre>
 *
 * A resource is a regular expression matched from the start of {@code Subject:<subject>} or
 * {@code Config:} (Python's {@code re.match}); Write implies Read. A user with no password entry
 * (a client certificate's name) can be given permissions too.
 */
public final class AuthFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Read, or Write (which implies Read). */
  public enum Operation { Read, Write }

  record User(String name, PasswordHash algorithm, String salt, String hash) {}

  record Permission(String user, Operation operation, Pattern resource) {
    boolean allows(String who, Operation wanted, String target) {
      return user.equals(who) && (wanted == Operation.Read || operation == Operation.Write)
          && resource.matcher(target).lookingAt();
    }
  }

  private final Map<String, User> users;
  private final List<Permission> permissions;

  private AuthFile(Map<String, User> users, List<Permission> permissions) {
    this.users = Map.copyOf(users);
    this.permissions = List.copyOf(permissions);
  }

  /** The file, parsed; a mistake is an {@link IllegalArgumentException} naming the file and the entry. */
  public static AuthFile read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the authfile: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("users").isArray() || !root.path("permissions").isArray()) {
      throw new IllegalArgumentException(file + ": an authfile is {\"users\": [...], \"permissions\": [...]}");
    }
    Map<String, User> users = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode user : root.get("users")) {
      String where = file + ": users[" + i++ + "]";
      String name = text(user, "username", where);
      try {
        users.put(name, new User(name, PasswordHash.parse(text(user, "algorithm", where)), text(user, "salt", where),
            text(user, "password_hash", where)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
      }
    }
    List<Permission> permissions = new ArrayList<>();
    i = 0;
    for (JsonNode entry : root.get("permissions")) {
      String where = file + ": permissions[" + i++ + "]";
      Operation operation;
      try {
        operation = Operation.valueOf(text(entry, "operation", where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": operation is Read or Write, not '" + entry.path("operation").asText()
            + "'");
      }
      String resource = text(entry, "resource", where);
      try {
        permissions.add(new Permission(text(entry, "username", where), operation, Pattern.compile(resource)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(where + ": resource '" + resource + "' is not a regular expression: "
            + e.getDescription());
      }
    }
    return new AuthFile(users, permissions);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is missing; each entry needs it as a string");
    }
    return value.asText();
  }

  /** Whether the user exists and the password is its own (hashed, compared in constant time). */
  public boolean passwordMatches(String user, String password) {
    User known = users.get(user);
    return known != null && known.algorithm().matches(known.salt(), password, known.hash());
  }

  /** The salt and algorithm a password of this user is hashed with, to key a cache of verified logins. */
  String saltOf(String user) {
    User known = users.get(user);
    return known == null ? null : known.algorithm() + ":" + known.salt() + ":" + known.hash();
  }

  public boolean allows(String user, Operation operation, String resource) {
    for (Permission p : permissions) {
      if (p.allows(user, operation, resource)) {
        return true;
      }
    }
    return false;
  }

  public int users() {
    return users.size();
  }

  public int permissions() {
    return permissions.size();
  }

  /** For the log: who may do what, never a hash. */
  public Map<String, List<String>> describe() {
    Map<String, List<String>> out = new HashMap<>();
    permissions.forEach(p -> out.computeIfAbsent(p.user(), k -> new ArrayList<>())
        .add(p.operation() + " " + p.resource().pattern()));
    return out;
  }
}
