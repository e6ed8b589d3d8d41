//! A query object written straight into pairs, without a JSON value in between: the common
//! case of [`Query::push_object`](super::Query::push_object) (a struct of optional scalars and
//! lists of scalars) done without building and dropping a map per call.
//!
//! Anything else — a map, a float, a nested object — is [`Unsupported`] here, and the caller
//! takes the JSON route, which refuses what a query string cannot carry in its own words.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeSeq, SerializeStruct};

/// The pairs of one query object, in the order they are sent.
pub(super) type Pairs = Vec<(Cow<'static, str>, String)>;

/// A shape this writer leaves to the JSON route.
#[derive(Debug)]
pub(super) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a flat object of scalars")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Appends the pairs of `model` to `pairs`; on `Unsupported` some may have been appended.
pub(super) fn write(model: &impl Serialize, pairs: &mut Pairs) -> Result<(), Unsupported> {
    model.serialize(Object { pairs })
}

/// Methods of a serializer that refuse their shape.
macro_rules! unsupported {
    ($($method:ident($($argument:ty),*) -> $output:ty;)*) => {
        $(fn $method(self, $(_: $argument),*) -> Result<$output, Unsupported> {
            Err(Unsupported)
        })*
    };
}

/// Methods of a member's serializer that write the value's text as one parameter.
macro_rules! written_as_text {
    ($($method:ident($argument:ty);)*) => {
        $(fn $method(self, value: $argument) -> Result<(), Unsupported> {
            self.push(value.to_string())
        })*
    };
}

/// The whole object: a struct, whose members become parameters.
struct Object<'p> {
    pairs: &'p mut Pairs,
}

impl<'p> ser::Serializer for Object<'p> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Members<'p>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Members<'p>, Unsupported> {
        Ok(Members { pairs: self.pairs })
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    unsupported! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// The members of the object.
struct Members<'p> {
    pairs: &'p mut Pairs,
}

impl SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(Member { name, pairs: self.pairs, in_list: false })
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

/// One member's value: a scalar is one parameter, a list one per item, nothing none.
struct Member<'p> {
    name: &'static str,
    pairs: &'p mut Pairs,
    /// Inside a list, whose items must be scalars.
    in_list: bool,
}

impl Member<'_> {
    fn push(self, text: String) -> Result<(), Unsupported> {
        self.pairs.push((Cow::Borrowed(self.name), text));
        Ok(())
    }
}

impl<'p> ser::Serializer for Member<'p> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Items<'p>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    written_as_text! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_char(char);
    }

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.push(value.to_owned())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.push(variant.to_owned())
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'p>, Unsupported> {
        if self.in_list {
            return Err(Unsupported);
        }
        Ok(Items { name: self.name, pairs: self.pairs })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    // Floats are left to serde_json, whose formatting of them the JSON route keeps.
    unsupported! {
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// The items of a list member: each its own parameter of the member's name.
struct Items<'p> {
    name: &'static str,
    pairs: &'p mut Pairs,
}

impl SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Member { name: self.name, pairs: self.pairs, in_list: true })
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}
