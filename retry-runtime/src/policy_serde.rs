//! Feature `serde`: a `Policy` as a map with the attribute's keys and duration strings,
//! read by the same rules as its text form.

use core::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::__rules::duration;
use crate::policy_text::{Entry, Settings};
use crate::Policy;

/// The keys whose value differs from the default, as `Display` writes them: durations and
/// names as strings, `attempts` and `factor` as numbers.
///
/// ```
/// use std::time::Duration;
/// use reattempt::{Backoff, Policy};
///
/// let policy = Policy::new(5).delay(Duration::from_millis(200)).backoff(Backoff::exponential(2.0));
/// let json = serde_json::to_string(&policy)?;
/// assert_eq!(json, r#"{"attempts":5,"delay":"200ms","backoff":"exponential"}"#);
/// assert_eq!(serde_json::from_str::<Policy>(&json)?, policy);
///
/// let error = serde_json::from_str::<Policy>(r#"{"attempts": 0}"#).unwrap_err();
/// assert!(error.to_string().starts_with("`attempts` must be at least 1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries().count()))?;
        for (key, value) in self.entries() {
            match value {
                Entry::Count(count) => map.serialize_entry(key, &count)?,
                Entry::Duration(value) => map.serialize_entry(key, &duration::display(value))?,
                Entry::Name(name) => map.serialize_entry(key, name)?,
                Entry::Number(number) => map.serialize_entry(key, &number)?,
            }
        }
        map.end()
    }
}

/// A map with the attribute's keys: unknown keys are refused, missing ones take the defaults,
/// and the attribute's rules apply (`attempts: 0`, `max_delay` below `delay`, ...), with its
/// messages.
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PolicyVisitor)
    }
}

struct PolicyVisitor;

impl<'de> Visitor<'de> for PolicyVisitor {
    type Value = Policy;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a retry policy: a map such as {\"attempts\": 5, \"delay\": \"200ms\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
        let mut settings = Settings::default();
        while let Some(key) = map.next_key::<String>()? {
            let Text(value) = map.next_value()?;
            settings.set(&key, &value).map_err(de::Error::custom)?;
        }
        settings.build().map_err(de::Error::custom)
    }
}

/// A value as the text form reads it: a string, or a number written out.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string such as \"200ms\" or \"exponential\", or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Text, E> {
        Ok(Text(value.to_owned()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Text, E> {
        Ok(Text(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Text, E> {
        Ok(Text(format!("{value:?}")))
    }
}
