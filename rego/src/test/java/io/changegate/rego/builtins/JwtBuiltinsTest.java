package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtBuiltinsTest {
    private static String b64(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static String b64(BigInteger v) {
        byte[] raw = v.toByteArray();
        int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(raw, start, raw.length));
    }

    @Test
    void hmacTokensSignDeterministicallyAndVerify() throws Exception {
        String token = ((StringValue) Calls.call("io.jwt.encode_sign", "{\"alg\": \"HS512\"}", "{}", "{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}")).value();
        assertThat(token).isEqualTo("eyJhbGciOiJIUzUxMiJ9.e30.P_BilX5OMTZKsBDTFb9h2C5aNxDSLeVYdFVlW-kFPt8qhmCbCCSc59tt4AGdEHRhjIdKjE-Q-d0Se3XEk0_EuQ");
        assertThat(json("io.jwt.verify_hs512", "\"" + token + "\"", "\"secret\"")).isEqualTo("true");
        assertThat(json("io.jwt.verify_hs512", "\"" + token + "\"", "\"wrong\"")).isEqualTo("false");
    }

    @Test
    void rsaAndPssAndEcdsaTokensRoundTripThroughJwks() throws Exception {
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        RSAPrivateCrtKey rp = (RSAPrivateCrtKey) rsa.getPrivate();
        String rsaJwk = String.format("{\"kty\":\"RSA\",\"n\":\"%s\",\"e\":\"%s\",\"d\":\"%s\",\"p\":\"%s\",\"q\":\"%s\",\"dp\":\"%s\",\"dq\":\"%s\",\"qi\":\"%s\"}",
                b64(rp.getModulus()), b64(rp.getPublicExponent()), b64(rp.getPrivateExponent()), b64(rp.getPrimeP()),
                b64(rp.getPrimeQ()), b64(rp.getPrimeExponentP()), b64(rp.getPrimeExponentQ()), b64(rp.getCrtCoefficient()));
        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        String rsaJwks = String.format("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"%s\",\"e\":\"%s\"}]}", b64(pub.getModulus()), b64(pub.getPublicExponent()));
        for (String alg : new String[] {"RS256", "PS384"}) {
            Value token = Calls.call("io.jwt.encode_sign", "{\"alg\": \"" + alg + "\"}", "{\"sub\": \"x\"}", rsaJwk);
            String verify = "io.jwt.verify_" + alg.toLowerCase();
            assertThat(Calls.call(verify, token, StringValue.of(rsaJwks)).toJson()).isEqualTo("true");
        }

        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();
        ECPublicKey ep = (ECPublicKey) ec.getPublic();
        String ecJwk = String.format("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"%s\",\"y\":\"%s\",\"d\":\"%s\"}",
                b64(ep.getW().getAffineX(), 32), b64(ep.getW().getAffineY(), 32), b64(((ECPrivateKey) ec.getPrivate()).getS(), 32));
        String ecPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ep.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Value token = Calls.call("io.jwt.encode_sign", "{\"alg\": \"ES256\"}", "{\"aud\": \"svc\"}", ecJwk);
        assertThat(Calls.call("io.jwt.verify_es256", token, StringValue.of(ecPem)).toJson()).isEqualTo("true");

        Value verified = Calls.call("io.jwt.decode_verify", token, Calls.v("{\"cert\": " + io.changegate.rego.value.Json.quote(ecPem) + ", \"aud\": \"svc\"}"));
        assertThat(((ArrayValue) verified).get(0).toJson()).isEqualTo("true");
        Value wrongAudience = Calls.call("io.jwt.decode_verify", token, Calls.v("{\"cert\": " + io.changegate.rego.value.Json.quote(ecPem) + ", \"aud\": \"x\"}"));
        assertThat(wrongAudience.toJson()).isEqualTo("[false,{},{}]");
    }

    @Test
    void malformedTokensReportWhatIsWrong() {
        assertThatThrownBy(() -> json("io.jwt.decode", "\"\"")).hasMessage("io.jwt.decode: encoded JWT had no period separators");
        assertThatThrownBy(() -> json("io.jwt.decode", "\"a.b.c\""))
                .hasMessage("io.jwt.decode: JWT header had invalid encoding: illegal base64url string: a");
        assertThatThrownBy(() -> json("io.jwt.verify_hs256", "\"a.b\"", "\"k\""))
                .hasMessage("io.jwt.verify_hs256: encoded JWT must have 3 sections, found 2");
        assertThatThrownBy(() -> json("io.jwt.decode_verify", "\"a.b.c\"", "{}")).hasMessage("io.jwt.decode_verify: no key constraint");
    }

    @Test
    void hashesAndHmacsMatchKnownVectors() throws Exception {
        assertThat(json("crypto.sha256", "\"hello\"")).isEqualTo("\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"");
        assertThat(json("crypto.hmac.sha256", "\"\"", "\"\"")).isEqualTo("\"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad\"");
        assertThat(json("crypto.md5", "\"\"")).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }
}
