//! Whole numbers within bounds, for the `int` fields of resources made
//! with `make scaffold`.

use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};

use super::schema::Documented;

/// A 32-bit whole number from `MIN` to `MAX`; `i32::MIN` or `i32::MAX`
/// leaves that side open. The wire types name its bounds where they use
/// it: `#[schema(schema_with = required::<Int<0, 100>>)]` on an `i32`
/// field (serde refuses what is not a 32-bit whole number; this, what is
/// out of bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int<const MIN: i32, const MAX: i32>(pub i32);

impl<const MIN: i32, const MAX: i32> Int<MIN, MAX> {
    /// Refuses, when the program is built, bounds no number could meet.
    const BOUNDS: () = assert!(MIN <= MAX, "Int<MIN, MAX> needs MIN <= MAX");

    pub fn parse(raw: i32) -> Result<Self, String> {
        let () = Self::BOUNDS;
        if (MIN..=MAX).contains(&raw) {
            return Ok(Int(raw));
        }
        Err(match (MIN, MAX) {
            (i32::MIN, _) => format!("must be at most {MAX}"),
            (_, i32::MAX) => format!("must be at least {MIN}"),
            _ => format!("must be between {MIN} and {MAX}"),
        })
    }
}

impl<const MIN: i32, const MAX: i32> Documented for Int<MIN, MAX> {
    fn schema() -> ObjectBuilder {
        let range = match (MIN, MAX) {
            (i32::MIN, i32::MAX) => "A 32-bit whole number.".to_owned(),
            (i32::MIN, _) => format!("A whole number of at most {MAX}."),
            (_, i32::MAX) => format!("A 32-bit whole number of at least {MIN}."),
            _ => format!("A whole number from {MIN} to {MAX}."),
        };
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
            .minimum((MIN != i32::MIN).then_some(MIN))
            .maximum((MAX != i32::MAX).then_some(MAX))
            .description(Some(range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive() {
        type Estimate = Int<0, 1000>;
        assert_eq!(Estimate::parse(0), Ok(Int(0)));
        assert_eq!(Estimate::parse(1000), Ok(Int(1000)));
        assert_eq!(
            Estimate::parse(-1).unwrap_err(),
            "must be between 0 and 1000"
        );
        assert!(Estimate::parse(1001).is_err());
        assert!(Int::<{ -5 }, { -1 }>::parse(-5).is_ok());
        assert!(Int::<{ -5 }, { -1 }>::parse(0).is_err());
    }

    #[test]
    fn an_open_side_takes_every_number_on_it() {
        assert!(Int::<{ i32::MIN }, 10>::parse(i32::MIN).is_ok());
        assert_eq!(
            Int::<{ i32::MIN }, 10>::parse(11).unwrap_err(),
            "must be at most 10"
        );
        assert!(Int::<1, { i32::MAX }>::parse(i32::MAX).is_ok());
        assert_eq!(
            Int::<1, { i32::MAX }>::parse(0).unwrap_err(),
            "must be at least 1"
        );
    }

    #[test]
    fn documents_only_the_bounds_it_sets() {
        let schema = serde_json::to_value(Int::<0, 1000>::schema().build()).unwrap();
        assert_eq!(schema["type"], "integer");
        assert_eq!(schema["format"], "int32");
        assert_eq!(
            (&schema["minimum"], &schema["maximum"]),
            (&0.into(), &1000.into())
        );
        let open = serde_json::to_value(Int::<{ i32::MIN }, 10>::schema().build()).unwrap();
        assert!(open.get("minimum").is_none());
        assert_eq!(open["maximum"], 10);
    }
}
