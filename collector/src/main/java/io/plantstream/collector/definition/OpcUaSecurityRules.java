package io.plantstream.collector.definition;

import io.plantstream.config.yaml.YamlNode;
import java.util.List;
import java.util.Map;

/**
 * An OPC UA machine's security: a policy with its message security, the collector's own
 * certificate (a PKCS#12 key store), the server's certificate it trusts, a user; secrets
 * only from files or the environment, never in the definition or its url.
 */
final class OpcUaSecurityRules {
    /** The policies a collector connects with: SHA-256 and newer. */
    private static final List<String> POLICIES = List.of("Basic256Sha256", "Aes128_Sha256_RsaOaep",
            "Aes256_Sha256_RsaPss");
    private static final String POLICY_NAMES = "Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss";
    /** The policies OPC UA deprecated (SHA-1). */
    private static final List<String> DEPRECATED = List.of("Basic128Rsa15", "Basic256");

    private OpcUaSecurityRules() {
    }

    /** Adds every problem of the connection's security keys to the node's problems. */
    static void check(YamlNode node, Map<String, String> connection) {
        String url = connection.getOrDefault("url", "");
        for (String parameter : List.of("security-policy", "message-security", "key-store", "trust-store",
                "server-certificate", "username", "password")) {
            if (url.contains(parameter)) {
                node.problems().add(node.get("url").where() + ": set the security with the keys securityPolicy, "
                        + "messageSecurity, keyStoreFile, serverCertificateFile, user, not as url parameters ("
                        + parameter + "); secrets come from files or the environment");
                return;
            }
        }
        String policy = connection.getOrDefault("securityPolicy", "None");
        if (DEPRECATED.contains(policy)) {
            node.problems().add(node.get("securityPolicy").where() + ": " + policy + " is deprecated (SHA-1); use "
                    + POLICY_NAMES);
            return;
        }
        if (!policy.equals("None") && !POLICIES.contains(policy)) {
            node.problems().add(node.get("securityPolicy").where() + ": '" + policy + "' is not None, "
                    + POLICY_NAMES);
            return;
        }
        String messageSecurity = connection.get("messageSecurity");
        if (messageSecurity != null && !List.of("SIGN", "SIGN_ENCRYPT").contains(messageSecurity)) {
            node.problems().add(node.get("messageSecurity").where() + ": '" + messageSecurity
                    + "' is not SIGN or SIGN_ENCRYPT");
        }
        boolean secured = !policy.equals("None");
        if (!secured) {
            for (String key : List.of("messageSecurity", "keyStoreFile", "keyStorePasswordFile", "keyStorePasswordEnv",
                    "serverCertificateFile")) {
                if (connection.containsKey(key)) {
                    node.problems().add(node.get(key).where() + ": needs a securityPolicy other than None");
                }
            }
            if (connection.containsKey("user")) {
                node.problems().add(node.get("user").where() + ": a password is sent only over a secured connection; "
                        + "set securityPolicy (e.g. Basic256Sha256)");
            }
            return;
        }
        for (String required : List.of("keyStoreFile", "serverCertificateFile")) {
            if (!connection.containsKey(required)) {
                node.problems().add(node.get(required).where() + ": required with securityPolicy " + policy
                        + (required.equals("keyStoreFile") ? " (the collector's certificate and key, PKCS#12)"
                                : " (the server's certificate: only it is trusted)"));
            }
        }
        if (!connection.containsKey("keyStorePasswordFile") && !connection.containsKey("keyStorePasswordEnv")) {
            node.problems().add(node.where() + ": keyStorePasswordFile or keyStorePasswordEnv is required with "
                    + "securityPolicy " + policy);
        }
        if (connection.containsKey("user") && !connection.containsKey("passwordFile")
                && !connection.containsKey("passwordEnv")) {
            node.problems().add(node.where() + ": passwordFile or passwordEnv is required with user (no passwords in "
                    + "definitions)");
        }
    }
}
