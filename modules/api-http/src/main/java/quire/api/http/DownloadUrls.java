package quire.api.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;

import quire.spi.storage.AccessScope;

/**
 * Signed, expiring links to {@code GET /documents/{id}/file} that work without a bearer token,
 * so a browser or another tool can fetch the bytes (Morphik hands out S3 presigned URLs; with
 * local storage it had nothing usable, spec §1.7).
 *
 * <p>A link is {@code <base>/documents/<id>/file?expires=<epoch s>&owner=<o>[&app=<a>]&signature=<s>}.
 * The storage scope travels in the link (every storage read is scoped and the scope decides
 * what a caller may see), and the HMAC-SHA256 covers the document id, that scope and the expiry,
 * so changing any of them invalidates the link. The key is the server's signing key; several
 * nodes sharing it accept each other's links.
 */
final class DownloadUrls {
    /** Shortest link lifetime, in seconds. */
    static final long MIN_EXPIRES_IN = 1;
    /** Longest link lifetime: seven days, like S3 presigned URLs. */
    static final long MAX_EXPIRES_IN = Duration.ofDays(7).toSeconds();

    static final String EXPIRES = "expires";
    static final String OWNER = "owner";
    static final String APP = "app";
    static final String SIGNATURE = "signature";
    private static final Set<String> PARAMS = Set.of(EXPIRES, OWNER, APP, SIGNATURE);
    private static final String PURPOSE = "quire-document-file-v1";
    private static final Set<String> LINK_PERMISSIONS = Set.of("read");

    private final SecretKeySpec key;
    private final Clock clock;

    DownloadUrls(byte[] signingKey, Clock clock) {
        if (signingKey == null || signingKey.length == 0) {
            throw new IllegalArgumentException("signing key is empty");
        }
        this.key = new SecretKeySpec(signingKey, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * @param base       scheme and authority the client used, e.g. {@code http://host:8000}
     * @param documentId the document
     * @param scope      the caller's storage scope, granted to whoever holds the link
     * @param expiresIn  seconds from now
     * @return the signed link
     */
    String sign(String base, String documentId, AccessScope scope, long expiresIn) {
        long expires = clock.instant().getEpochSecond() + expiresIn;
        StringBuilder url = new StringBuilder(base).append("/documents/").append(pathSegment(documentId))
                .append("/file?").append(EXPIRES).append('=').append(expires)
                .append('&').append(OWNER).append('=').append(param(scope.ownerId()));
        if (scope.appId() != null) {
            url.append('&').append(APP).append('=').append(param(scope.appId()));
        }
        url.append('&').append(SIGNATURE).append('=').append(signature(documentId, scope, expires));
        return url.toString();
    }

    /**
     * The principal a signed link grants for this request.
     *
     * @return empty when the request carries no link parameters (use normal authentication)
     * @throws ApiException 403 when the link is incomplete, tampered with, or expired
     */
    Optional<Principal> grant(ServerRequest req) {
        UriQuery query = req.query();
        if (PARAMS.stream().noneMatch(query::contains)) {
            return Optional.empty();
        }
        String documentId = req.path().pathParameters().first("document_id").orElse("");
        String expiresText = single(query, EXPIRES);
        String owner = single(query, OWNER);
        String app = query.contains(APP) ? single(query, APP) : null;
        String given = single(query, SIGNATURE);
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (owner.isBlank() || (app != null && app.isBlank())) {
            throw invalid();
        }
        AccessScope scope = new AccessScope(owner, app);
        byte[] expected = signature(documentId, scope, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw invalid();
        }
        // checked after the signature, so an attacker learns nothing from the wording
        if (clock.instant().getEpochSecond() >= expires) {
            throw ApiException.forbidden("Download URL has expired");
        }
        return Optional.of(new Principal(owner, app, LINK_PERMISSIONS, "developer"));
    }

    private static String single(UriQuery query, String name) {
        List<String> values = query.contains(name) ? query.all(name) : List.of();
        if (values.size() != 1) {
            throw invalid();
        }
        return values.get(0);
    }

    private static ApiException invalid() {
        return ApiException.forbidden("Invalid download URL signature");
    }

    private String signature(String documentId, AccessScope scope, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // length-prefixed fields: no choice of values can make two different inputs collide
            for (String field : new String[] {PURPOSE, documentId, scope.ownerId(),
                    scope.appId() == null ? "" : scope.appId(), scope.appId() == null ? "-" : "+",
                    Long.toString(expires)}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                mac.update(bytes);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
