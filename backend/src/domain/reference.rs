//! References between rows of different owners' resources: a `ref(items)`
//! field of a resource made with `make scaffold` holds the id of one of
//! the same user's items.

use std::marker::PhantomData;

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use uuid::Uuid;

use super::schema::Documented;

/// The OpenAPI extension naming the collection a reference points into, so
/// that a client (and the `constraints` test) can find a row to refer to.
pub const REFERENCES: &str = "x-references";

/// A resource whose rows others refer to: every row has an owner, and a
/// reference may only point at a row of the same owner.
pub trait Referable {
    /// Where its rows are listed: `/api/v1/items`.
    const COLLECTION: &'static str;
    /// One row, in words: `item`.
    const NAME: &'static str;
}

/// The id of a row of `T` that has the owner of the row referring to it.
pub struct Ref<T>(PhantomData<T>);

impl<T: Referable> Ref<T> {
    /// `id`, when the row it names has `owner`; `found` is that row's owner
    /// if the row exists. Another user's row is refused just as a missing
    /// one, so that trying ids reveals nothing about other users' rows.
    pub fn parse(id: Uuid, found: Option<Uuid>, owner: Uuid) -> Result<Uuid, String> {
        match found {
            Some(found) if found == owner => Ok(id),
            _ => Err(format!("no such {}", T::NAME)),
        }
    }
}

impl<T: Referable> Documented for Ref<T> {
    fn schema() -> ObjectBuilder {
        let (name, collection) = (T::NAME, T::COLLECTION);
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
            .description(Some(format!(
                "Which {name}: the id of one of the same owner's (the caller's own, when \
                 creating), as listed at {collection}."
            )))
            .extensions(Some(Extensions::from_iter([(REFERENCES, collection)])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item;

    impl Referable for Item {
        const COLLECTION: &'static str = "/api/v1/items";
        const NAME: &'static str = "item";
    }

    #[test]
    fn only_a_row_of_the_same_owner_may_be_referred_to() {
        let (id, owner, other) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        assert_eq!(Ref::<Item>::parse(id, Some(owner), owner), Ok(id));
        let refused = Err("no such item".to_owned());
        assert_eq!(Ref::<Item>::parse(id, Some(other), owner), refused);
        assert_eq!(Ref::<Item>::parse(id, None, owner), refused);
    }

    #[test]
    fn documents_the_collection_it_points_into() {
        let schema = serde_json::to_value(Ref::<Item>::schema().build()).unwrap();
        assert_eq!(schema["format"], "uuid");
        assert_eq!(schema[REFERENCES], "/api/v1/items");
    }
}
