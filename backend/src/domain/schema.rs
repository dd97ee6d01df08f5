//! The rules of the domain types as OpenAPI schemas, for the wire types'
//! `#[schema(schema_with = ...)]`: the document then states exactly the
//! limits the parsers check, and changes when they do.

use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// A domain type whose rules the OpenAPI document states.
pub trait Documented {
    /// The schema of a value of this type: its limits, its pattern or
    /// format, and a description a person can read.
    fn schema() -> ObjectBuilder;
}

/// `T`'s schema, for a required field.
pub fn required<T: Documented>() -> Object {
    T::schema().build()
}

/// `T`'s schema, for an optional field (`null` or absent: left unset).
pub fn nullable<T: Documented>() -> Object {
    let mut schema = T::schema().build();
    if let SchemaType::Type(kind) = schema.schema_type {
        schema.schema_type = SchemaType::from_iter([kind, Type::Null]);
    }
    schema
}

/// A string schema with this pattern.
pub(super) fn text(pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
}

/// A path or query parameter with this schema. (`#[derive(IntoParams)]`
/// drops the description and `required` of a field whose schema comes from
/// `schema_with`, so the parameters checked by a domain type are built with
/// this instead.)
pub fn parameter(
    name: &str,
    location: ParameterIn,
    required: bool,
    description: &str,
    schema: Object,
) -> Parameter {
    let required = match required {
        true => Required::True,
        false => Required::False,
    };
    ParameterBuilder::new()
        .name(name)
        .parameter_in(location)
        .required(required)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Int, Title};

    #[test]
    fn nullable_adds_null_to_the_type_and_keeps_the_rules() {
        let title = serde_json::to_value(nullable::<Title>()).unwrap();
        assert_eq!(title["type"], serde_json::json!(["string", "null"]));
        assert_eq!(title["minLength"], 1);
        let number = serde_json::to_value(nullable::<Int<0, 9>>()).unwrap();
        assert_eq!(number["type"], serde_json::json!(["integer", "null"]));
        assert_eq!(number["maximum"], 9);
    }
}
