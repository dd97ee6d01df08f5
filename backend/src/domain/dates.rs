//! Dates and instants as JSON Schema's `date` and `date-time` formats
//! (RFC 3339) spell them, for the `date` and `timestamp` fields of
//! resources made with `make scaffold`. chrono's own parsers are lenient
//! (blanks, a space for `T`, short years): a client that checks the
//! document's format would refuse what the API took.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};

use super::schema::Documented;

/// RFC 3339's `full-date`.
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[0-9]{4}-[0-9]{2}-[0-9]{2}$").unwrap());

/// RFC 3339's `date-time` (whose `T` and `Z` may be lower case).
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
    )
    .unwrap()
});

/// A calendar date, `2026-12-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(raw: String) -> Result<Date, String> {
        FULL_DATE
            .is_match(&raw)
            .then(|| NaiveDate::parse_from_str(&raw, "%Y-%m-%d").ok())
            .flatten()
            .map(Date)
            .ok_or_else(|| "must be a date such as 2026-12-31".into())
    }
}

impl Documented for Date {
    fn schema() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .description(Some(
                "A calendar date (RFC 3339 full-date), e.g. 2026-12-31.",
            ))
    }
}

/// An instant: a date and time with its offset from UTC, kept in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    pub fn parse(raw: String) -> Result<Timestamp, String> {
        DATE_TIME
            .is_match(&raw)
            .then(|| DateTime::parse_from_rfc3339(&raw).ok())
            .flatten()
            .map(|instant| Timestamp(instant.to_utc()))
            .ok_or_else(|| {
                "must be a date and time with an offset, such as 2026-12-31T09:30:00Z".into()
            })
    }
}

impl Documented for Timestamp {
    fn schema() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some(
                "A date and time with its offset from UTC (RFC 3339 date-time), e.g. \
                 2026-12-31T09:30:00Z or 2026-12-31T10:30:00+01:00; answered in UTC.",
            ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_a_full_date_of_the_calendar() {
        for ok in ["2026-12-31", "2024-02-29", "0001-01-01", "9999-12-31"] {
            assert!(Date::parse(ok.into()).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-12-32",
            "2026-1-1",
            "26-12-31",
            "+2026-12-31",
            "12026-12-31",
            " 2026-12-31",
            "2026-12-31 ",
            "2026/12/31",
            "20261231",
            "2026-12-31T00:00:00Z",
            "٢٠٢٦-١٢-٣١",
        ] {
            assert!(Date::parse(bad.into()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_timestamp_needs_its_offset_and_is_kept_in_utc() {
        let parsed = Timestamp::parse("2026-12-31T23:30:00+02:00".into()).unwrap();
        assert_eq!(parsed.0.to_rfc3339(), "2026-12-31T21:30:00+00:00");
        for ok in [
            "2026-12-31T09:30:00Z",
            "2026-12-31t09:30:00z",
            "2026-12-31T09:30:00.123456Z",
            "2026-12-31T09:30:00-23:59",
        ] {
            assert!(Timestamp::parse(ok.into()).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2026-12-31",
            "2026-12-31T09:30:00",
            "2026-12-31 09:30:00Z",
            "2026-12-31T09:30Z",
            "2026-12-31T24:00:00Z",
            "2026-02-30T09:30:00Z",
            "2026-12-31T09:30:00+0200",
            "2026-12-31T09:30:00+24:00",
            "2026-12-31T09:30:00.Z",
            " 2026-12-31T09:30:00Z",
            "yesterday",
        ] {
            assert!(Timestamp::parse(bad.into()).is_err(), "{bad}");
        }
    }
}
