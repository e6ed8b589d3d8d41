//! CityPay's temporal `cp-api-key`: derived from a client id and a licence key for one UTC
//! minute, with a fresh random nonce, so a captured key is useless minutes later.
//!
//! ```text
//! key = base64( client_id ":" HEX_UPPER(nonce) ":" HMAC_SHA256(licence_key, client_id ‖ nonce ‖ B) )
//! ```
//!
//! `B` is the UTC minute written `yyyyMMddHHmm`, read as a hexadecimal number, as the minimal
//! big-endian two's-complement bytes (what Java's `BigInteger.toByteArray()` gives).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use payintent_runtime::__generated::{CredentialError, CredentialSource, ExposeSecret, SecretString};
use sha2::Sha256;
use time::UtcDateTime;

/// Computes the `cp-api-key` for `client_id` and `licence_key` with a given `nonce` at
/// `utc_time`: use it to check a setup against CityPay's published vectors.
///
/// Times outside 1970–9999 are clamped into that range.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let nonce = [
///     0xac, 0xb8, 0x75, 0xae, 0xf0, 0x83, 0xde, 0x29, 0x22, 0x99, 0xbd, 0x69, 0xfc, 0xde, 0xb5, 0xc5,
/// ];
/// let at = UNIX_EPOCH + Duration::from_secs(1_577_870_592); // 2020-01-01T09:23:12Z
/// assert_eq!(
///     citypay::api_key("PC2", "7G79TG62BAJTK669", nonce, at),
///     "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1Ol6Q3tCMPsYvqNhFelRD2zQHYlZquBGCY/6ZpZ0AngTF",
/// );
/// ```
pub fn api_key(client_id: &str, licence_key: &str, nonce: [u8; 16], utc_time: SystemTime) -> String {
    // HMAC accepts keys of any length, so this never takes the error path.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(licence_key.as_bytes())
        .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default()));
    mac.update(client_id.as_bytes());
    mac.update(&nonce);
    mac.update(&minute_bytes(utc_time));
    let digest = mac.finalize().into_bytes();

    let mut plain = Vec::with_capacity(client_id.len() + 34 + digest.len());
    plain.extend_from_slice(client_id.as_bytes());
    plain.push(b':');
    for byte in nonce {
        plain.extend_from_slice(format!("{byte:02X}").as_bytes());
    }
    plain.push(b':');
    plain.extend_from_slice(&digest);
    STANDARD.encode(plain)
}

/// `B`: the UTC minute of `utc_time` as `yyyyMMddHHmm`, read as hex, in minimal
/// two's-complement bytes.
fn minute_bytes(utc_time: SystemTime) -> Vec<u8> {
    let seconds = match utc_time.duration_since(UNIX_EPOCH) {
        Ok(elapsed) => i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    };
    let latest = UtcDateTime::MAX.unix_timestamp().min(253_402_300_799); // 9999-12-31T23:59:59Z
    let minute = UtcDateTime::from_unix_timestamp(seconds.clamp(0, latest)).unwrap_or(UtcDateTime::UNIX_EPOCH);
    let digits = format!(
        "{:04}{:02}{:02}{:02}{:02}",
        minute.year(),
        u8::from(minute.month()),
        minute.day(),
        minute.hour(),
        minute.minute()
    );
    // Twelve decimal digits read as hex fit in 48 bits.
    let value = u64::from_str_radix(&digits, 16).unwrap_or_default();
    minimal_twos_complement(value)
}

/// Big-endian bytes of a non-negative number with no redundant leading byte, and a leading
/// zero byte when the top bit would otherwise read as a sign.
fn minimal_twos_complement(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let first = bytes.iter().position(|byte| *byte != 0).unwrap_or(bytes.len() - 1);
    let mut out = Vec::with_capacity(9);
    if bytes[first] & 0x80 != 0 {
        out.push(0);
    }
    out.extend_from_slice(&bytes[first..]);
    out
}

/// Computes a fresh `cp-api-key` for every request (see [`ClientBuilder::licence_key`]).
///
/// [`ClientBuilder::licence_key`]: crate::ClientBuilder::licence_key
pub(crate) struct TemporalKey {
    client_id: String,
    licence_key: SecretString,
}

impl TemporalKey {
    pub(crate) fn new(client_id: String, licence_key: SecretString) -> Self {
        Self { client_id, licence_key }
    }
}

impl CredentialSource for TemporalKey {
    fn credential(&self) -> Result<SecretString, CredentialError> {
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce)
            .map_err(|error| CredentialError(format!("no random nonce for the cp-api-key: {error}")))?;
        let key = api_key(&self.client_id, self.licence_key.expose_secret(), nonce, SystemTime::now());
        Ok(SecretString::from(key))
    }
}

impl fmt::Debug for TemporalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TemporalKey").field("client_id", &self.client_id).field("licence_key", &"<redacted>").finish()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const NONCE: [u8; 16] =
        [0xac, 0xb8, 0x75, 0xae, 0xf0, 0x83, 0xde, 0x29, 0x22, 0x99, 0xbd, 0x69, 0xfc, 0xde, 0xb5, 0xc5];

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn the_published_vector() {
        // 2020-01-01T09:23:12Z
        assert_eq!(
            api_key("PC2", "7G79TG62BAJTK669", NONCE, at(1_577_870_592)),
            "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1Ol6Q3tCMPsYvqNhFelRD2zQHYlZquBGCY/6ZpZ0AngTF"
        );
    }

    #[test]
    fn the_minute_is_read_as_hex() {
        assert_eq!(minute_bytes(at(1_577_870_592)), [0x20, 0x20, 0x01, 0x01, 0x09, 0x23]);
        // Seconds do not matter within a minute; the next minute does.
        assert_eq!(minute_bytes(at(1_577_870_592 + 47)), minute_bytes(at(1_577_870_592)));
        assert_ne!(minute_bytes(at(1_577_870_592 + 48)), minute_bytes(at(1_577_870_592)));
        // 1970-01-01T00:00Z
        assert_eq!(minute_bytes(at(0)), [0x19, 0x70, 0x01, 0x01, 0x00, 0x00]);
        // 2099-12-31T23:59Z
        assert_eq!(minute_bytes(at(4_102_444_799)), [0x20, 0x99, 0x12, 0x31, 0x23, 0x59]);
    }

    #[test]
    fn minimal_twos_complement_matches_java_big_integer() {
        assert_eq!(minimal_twos_complement(0), [0x00]);
        assert_eq!(minimal_twos_complement(0x7f), [0x7f]);
        assert_eq!(minimal_twos_complement(0x80), [0x00, 0x80]);
        assert_eq!(minimal_twos_complement(0x0100), [0x01, 0x00]);
        // Years from 8000 set the top bit of the first byte: Java prepends a zero byte.
        assert_eq!(minimal_twos_complement(0x7999_1231_2359), [0x79, 0x99, 0x12, 0x31, 0x23, 0x59]);
        assert_eq!(minimal_twos_complement(0x8000_0101_0000), [0x00, 0x80, 0x00, 0x01, 0x01, 0x00, 0x00]);
    }

    /// Vectors printed by `vectors/ApiKeyVectors.java`, an independent implementation on
    /// Java's `BigInteger.toByteArray()` and `javax.crypto.Mac` (it also reproduces the
    /// published vector).
    #[test]
    fn keys_across_years_and_the_top_bit_boundary() {
        const OTHER_NONCE: [u8; 16] = [0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255];
        let cases = [
            // 1999-12-31T23:59:59Z
            (
                "PC2",
                "7G79TG62BAJTK669",
                NONCE,
                946_684_799,
                "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1Ol8DqlKDPhRuVWsvH2ttXiuxx590JihplPZe/QpjVP+n",
            ),
            // 2024-02-29T12:30:00Z
            (
                "PC2",
                "7G79TG62BAJTK669",
                NONCE,
                1_709_209_800,
                "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1On1tZ//GExa0YPFQHWD3AI/1+XHBGMtSR2Z7Zu66LCHA",
            ),
            // 2100-03-01T00:00:00Z
            (
                "PC2",
                "7G79TG62BAJTK669",
                NONCE,
                4_107_542_400,
                "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1OvXgu37bD8VNIbBgt3XB4CxaDjuR1nb4Sj+C3TGSqiRH",
            ),
            // 2031-07-15T06:05:59Z, another client, licence and nonce
            (
                "MYCLIENT01",
                "LICENCE-KEY-0001",
                OTHER_NONCE,
                1_941_861_959,
                "TVlDTElFTlQwMTowMDExMjIzMzQ0NTU2Njc3ODg5OUFBQkJDQ0RERUVGRjqAWlZK3q3HxreAXL0MBu7DhI4stETT3LSD+Zxs2OW7Jw==",
            ),
            // 7999-12-31T23:59:00Z: B = 79 99 12 31 23 59, top bit clear
            (
                "PC2",
                "7G79TG62BAJTK669",
                NONCE,
                190_288_396_740,
                "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1OowrRubhzMzFvJWqSKUT8+y16okydFQ6sgg6oMsHSjB+",
            ),
            // 8000-01-01T00:00:00Z: B = 00 80 00 01 01 00 00, the leading zero byte is hashed
            (
                "PC2",
                "7G79TG62BAJTK669",
                NONCE,
                190_288_396_800,
                "UEMyOkFDQjg3NUFFRjA4M0RFMjkyMjk5QkQ2OUZDREVCNUM1Ol/3gVGi6z0bf8oljq4m9b/k5swdIB88P0xwuYkCqFg0",
            ),
        ];
        for (client, licence, nonce, seconds, expected) in cases {
            assert_eq!(api_key(client, licence, nonce, at(seconds)), expected, "{client} at {seconds}");
        }
        assert_eq!(minute_bytes(at(190_288_396_740)), [0x79, 0x99, 0x12, 0x31, 0x23, 0x59]);
        assert_eq!(minute_bytes(at(190_288_396_800)), [0x00, 0x80, 0x00, 0x01, 0x01, 0x00, 0x00]);
    }

    #[test]
    fn out_of_range_times_are_clamped_not_panicked() {
        let before_epoch = UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(minute_bytes(before_epoch), minute_bytes(UNIX_EPOCH));
        let far_future = UNIX_EPOCH + Duration::from_secs(u64::MAX / 2);
        assert_eq!(minute_bytes(far_future), [0x00, 0x99, 0x99, 0x12, 0x31, 0x23, 0x59]);
    }

    #[test]
    fn debug_hides_the_licence_key() {
        let key = TemporalKey::new("PC2".into(), SecretString::from("7G79TG62BAJTK669".to_owned()));
        let shown = format!("{key:?}");
        assert!(shown.contains("PC2") && !shown.contains("7G79TG62BAJTK669"), "{shown}");
        let first = key.credential().unwrap();
        let second = key.credential().unwrap();
        assert_ne!(first.expose_secret(), second.expose_secret(), "a fresh nonce every time");
    }
}
