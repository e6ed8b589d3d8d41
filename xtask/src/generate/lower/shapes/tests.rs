//! One test per rule of the table: the shape is classified under its rule and lowered to
//! the Rust the table promises.

use serde_json::json;

use super::*;
use crate::generate::ir::model::{FieldRole, Init};
use crate::generate::lower::rules::RULES;

fn schemas(value: serde_json::Value) -> IndexMap<String, ReferenceOr<Schema>> {
    let mut document = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}});
    document["components"] = json!({ "schemas": value });
    crate::generate::load::normalise(&mut document);
    crate::generate::load::parse(document).unwrap().components.unwrap().schemas
}

fn config() -> VendorConfig {
    toml::from_str("crate = \"t\"\ntitle = \"T\"").unwrap()
}

fn inline(mut value: serde_json::Value) -> Schema {
    crate::generate::load::normalise(&mut value);
    serde_json::from_value(value).unwrap()
}

/// Classifies and lowers `value` as a property of `Owner`, beside the component `extra`.
fn lowered(value: serde_json::Value, extra: serde_json::Value) -> (Rule, Lowered, Vec<Model>) {
    let schemas = schemas(extra);
    let config = config();
    let schema = inline(value);
    let mut mapper = Mapper::new(&schemas, &config);
    let rule = classify(&mapper.spec(), &schema);
    let lowered = mapper.lower("OwnerField", Node::Inline(&schema), "#/test");
    assert!(mapper.diagnostics.all().is_empty() || matches!(rule, Rule::Unsupported(_)), "{:?}", mapper.diagnostics);
    (rule, lowered, mapper.take_inline("Owner"))
}

fn model(name: &str, components: serde_json::Value) -> ModelFile {
    let schemas = schemas(components);
    let config = config();
    let mut mapper = Mapper::new(&schemas, &config);
    let file = mapper.map_schema(name);
    assert!(mapper.diagnostics.all().is_empty(), "{:?}", mapper.diagnostics);
    file
}

fn named(name: &str) -> Ty {
    Ty::Named(name.into())
}

#[test]
fn every_rule_is_in_the_table() {
    let documented: Vec<String> = RULES.iter().map(|(rule, ..)| format!("{rule:?}")).collect();
    for rule in [
        Rule::ListOrOne,
        Rule::DecimalOrNumber,
        Rule::AllOfOne,
        Rule::AllOfMerge,
        Rule::AllOfWithUnion,
        Rule::TaggedUnion,
        Rule::UnionOfOne,
        Rule::ExternallyTagged,
        Rule::UntaggedUnion,
        Rule::Object,
        Rule::Map,
        Rule::FreeFormObject,
        Rule::StringEnum,
        Rule::Constant,
        Rule::String,
        Rule::Int32,
        Rule::Int64,
        Rule::Number,
        Rule::Boolean,
        Rule::Array,
        Rule::FreeForm,
    ] {
        assert!(documented.contains(&format!("{rule:?}")), "{rule:?} missing from RULES");
    }
}

#[test]
fn primitives() {
    let cases = [
        (json!({"type": "string"}), Rule::String, Ty::String),
        (json!({"type": "string", "format": "long"}), Rule::String, Ty::String),
        (json!({"type": "string", "format": "decimal"}), Rule::String, Ty::String),
        (json!({"type": "string", "format": "date-time"}), Rule::String, Ty::String),
        (json!({"type": "string", "format": "uuid"}), Rule::String, Ty::String),
        (json!({"type": "integer", "format": "int32"}), Rule::Int32, Ty::I32),
        (json!({"type": "integer", "format": "int64"}), Rule::Int64, Ty::I64),
        (json!({"type": "integer"}), Rule::Int64, Ty::I64),
        (json!({"type": "number", "format": "double"}), Rule::Number, Ty::F64),
        (json!({"type": "boolean"}), Rule::Boolean, Ty::Bool),
    ];
    for (schema, rule, ty) in cases {
        let (found, lowered, inline) = lowered(schema.clone(), json!({}));
        assert_eq!((found, lowered.ty), (rule, ty), "{schema}");
        assert!(inline.is_empty());
    }
}

#[test]
fn reference_maps_to_the_named_model_and_carries_its_nullability() {
    let schemas = schemas(json!({"A": {"type": "string", "nullable": true}}));
    let config = config();
    let mut mapper = Mapper::new(&schemas, &config);
    let lowered = mapper.lower("X", Node::Ref("#/components/schemas/A"), "#/x");
    assert_eq!(lowered, Lowered { ty: named("A"), nullable: true });
    mapper.lower("X", Node::Ref("#/components/schemas/Missing"), "#/y");
    assert_eq!(mapper.diagnostics.all()[0].pointer, "#/y");
}

#[test]
fn object_becomes_a_struct_with_presence_names_and_rules() {
    let file = model(
        "Thing",
        json!({"Thing": {
            "type": "object",
            "required": ["external-ref", "type", "maybe"],
            "properties": {
                "external-ref": {"type": "string", "maxLength": 10},
                "type": {"type": "string"},
                "maybe": {"type": "string", "nullable": true},
                "note": {"type": "string"},
                "count": {"type": "integer", "minimum": 1, "maximum": 9}
            }
        }}),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    let summary: Vec<(&str, &str, Presence)> =
        fields.iter().map(|f| (f.json().unwrap(), f.rust.as_str(), f.presence)).collect();
    assert_eq!(
        summary,
        [
            ("external-ref", "external_ref", Presence::Required),
            ("type", "r#type", Presence::Required),
            ("maybe", "maybe", Presence::Nullable),
            ("note", "note", Presence::Optional),
            ("count", "count", Presence::Optional),
        ]
    );
    assert_eq!(fields[0].rules.max_length, Some(10));
    assert_eq!((fields[4].rules.minimum, fields[4].rules.maximum), (Some(1), Some(9)));
}

#[test]
fn a_member_is_plain_read_only_or_a_constant_and_new_takes_the_plain_required_ones() {
    let file = model(
        "Intent",
        json!({"Intent": {
            "type": "object",
            "required": ["object", "id", "amount"],
            "properties": {
                "object": {"type": "string", "const": "intent"},
                "id": {"type": "string", "readOnly": true},
                "amount": {"type": "integer"},
                "note": {"type": "string"}
            }
        }}),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    let roles: Vec<(&FieldRole, Init)> = fields.iter().map(|f| (&f.role, f.init)).collect();
    assert_eq!(
        roles,
        [
            (&FieldRole::Constant("object".into()), Init::Default),
            (&FieldRole::ReadOnly("id".into()), Init::Argument),
            (&FieldRole::Member("amount".into()), Init::Argument),
            (&FieldRole::Member("note".into()), Init::Unset),
        ]
    );
}

#[test]
fn map_and_free_form() {
    let (rule, lowered_map, _) =
        lowered(json!({"type": "object", "additionalProperties": {"type": "string"}}), json!({}));
    assert_eq!((rule, lowered_map.ty), (Rule::Map, Ty::Map(Box::new(Ty::String))));
    let (rule, lowered_any, _) = lowered(json!({"type": "object", "additionalProperties": true}), json!({}));
    assert_eq!((rule, lowered_any.ty), (Rule::Map, Ty::Map(Box::new(Ty::Json))));
    let (rule, object, _) = lowered(json!({"type": "object"}), json!({}));
    assert_eq!((rule, object.ty), (Rule::FreeFormObject, Ty::JsonObject));
    for schema in [json!({}), json!({"description": "anything"}), json!({"nullable": true})] {
        let (rule, value, _) = lowered(schema.clone(), json!({}));
        assert_eq!((rule, value.ty, value.nullable), (Rule::FreeForm, Ty::Json, true), "{schema}");
    }
}

#[test]
fn string_enum_and_constant() {
    let (rule, lowered_enum, inline) =
        lowered(json!({"type": "string", "enum": ["open", "Open", "closed"]}), json!({}));
    assert_eq!((rule, lowered_enum.ty), (Rule::StringEnum, named("OwnerField")));
    let ModelKind::Enum { values, constant: false } = &inline[0].kind else { panic!("{:?}", inline[0].kind) };
    let variants: Vec<&str> = values.iter().map(|v| v.variant.as_str()).collect();
    assert_eq!(variants, ["Open", "Open2", "Closed"]);

    let (rule, _, inline) = lowered(json!({"type": "string", "const": "list"}), json!({}));
    assert_eq!(rule, Rule::Constant);
    assert!(matches!(&inline[0].kind, ModelKind::Enum { constant: true, values } if values[0].wire == "list"));
}

#[test]
fn array() {
    let (rule, items, _) =
        lowered(json!({"type": "array", "items": {"type": "integer", "format": "int32"}}), json!({}));
    assert_eq!((rule, items.ty), (Rule::Array, Ty::Vec(Box::new(Ty::I32))));
    let (_, untyped, _) = lowered(json!({"type": "array"}), json!({}));
    assert_eq!(untyped.ty, Ty::Vec(Box::new(Ty::Json)));
}

fn decoding_note(reference: serde_json::Value) -> serde_json::Value {
    json!({"reference": reference, "decodes-reference": true, "reason": "the sources disagree"})
}

#[test]
fn decodes_reference_keeps_the_type_and_marks_the_field() {
    let item = json!({"$ref": "#/components/schemas/Item"});
    let file = model(
        "Owner",
        json!({
            "Item": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "Owner": {"type": "object", "required": ["items"], "properties": {
                "items": {"type": "array", "items": item, "x-deviation": decoding_note(item.clone())},
                "rate": {"type": "string", "format": "decimal", "x-deviation": decoding_note(json!({"type": "number"}))},
                "count": {"type": "string", "x-deviation": decoding_note(json!({"type": "integer"}))},
                "plain": {"type": "array", "items": item, "x-deviation": {"reference": item.clone(), "reason": "list"}}
            }}
        }),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    let summary: Vec<(&str, &Ty, Presence, Option<AlsoDecodes>)> =
        fields.iter().map(|f| (f.json().unwrap(), &f.ty, f.presence, f.also_decodes)).collect();
    let list = Ty::Vec(Box::new(named("Item")));
    assert_eq!(
        summary,
        [
            ("items", &list, Presence::Required, Some(AlsoDecodes::SingleItem)),
            ("rate", &Ty::String, Presence::Optional, Some(AlsoDecodes::Number)),
            ("count", &Ty::String, Presence::Optional, Some(AlsoDecodes::Number)),
            ("plain", &list, Presence::Optional, None),
        ]
    );
    let schemas = schemas(json!({"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}));
    let spec = Spec { schemas: &schemas };
    let list_schema = inline(json!({"type": "array", "items": item, "x-deviation": decoding_note(item.clone())}));
    assert_eq!(classify(&spec, &list_schema), Rule::ListOrOne);
    let inline_item = json!({"type": "object", "properties": {"id": {"type": "integer"}}});
    let inline_list =
        inline(json!({"type": "array", "items": inline_item, "x-deviation": decoding_note(inline_item.clone())}));
    assert_eq!(classify(&spec, &inline_list), Rule::ListOrOne);
}

#[test]
fn decodes_reference_without_a_decoder_for_it_is_unsupported() {
    let schemas = schemas(json!({"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}));
    let spec = Spec { schemas: &schemas };
    let item = json!({"$ref": "#/components/schemas/Item"});
    for schema in [
        // The reference is not the list's item.
        json!({"type": "array", "items": item, "x-deviation": decoding_note(json!({"type": "object"}))}),
        // A lone string where a list of strings is expected has no decoder.
        json!({"type": "array", "items": {"type": "string"}, "x-deviation": decoding_note(json!({"type": "string"}))}),
        // Only numbers become decimal strings.
        json!({"type": "string", "x-deviation": decoding_note(json!({"type": "boolean"}))}),
        json!({"type": "string", "enum": ["a"], "x-deviation": decoding_note(json!({"type": "number"}))}),
        json!({"type": "integer", "x-deviation": decoding_note(json!({"type": "string"}))}),
        // A note that names a keyword has no schema to decode.
        json!({"type": "string", "x-deviation": {"keyword": "type", "reference": "number", "decodes-reference": true, "reason": "r"}}),
    ] {
        assert!(matches!(classify(&spec, &inline(schema.clone())), Rule::Unsupported(_)), "{schema}");
    }
    let unmarked = json!({"type": "string", "x-deviation": {"reference": {"type": "number"}, "decodes-reference": false, "reason": "r"}});
    assert_eq!(classify(&spec, &inline(unmarked)), Rule::String);
}

#[test]
fn all_of_one_is_its_member_and_nullable_without_type_is_an_option() {
    let (rule, lowered, inline) = lowered(
        json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}),
        json!({"A": {"type": "object", "properties": {"x": {"type": "string"}}}}),
    );
    assert_eq!((rule, lowered), (Rule::AllOfOne, Lowered { ty: named("A"), nullable: true }));
    assert!(inline.is_empty());
}

#[test]
fn all_of_objects_merge_into_one_struct() {
    let file = model(
        "Both",
        json!({
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Both": {"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"note": {"type": "string"}}}
            ]}
        }),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
    let names: Vec<(&str, Presence)> = fields.iter().map(|f| (f.json().unwrap(), f.presence)).collect();
    assert_eq!(names, [("id", Presence::Required), ("note", Presence::Optional)]);
}

#[test]
fn all_of_with_a_union_flattens_the_union_where_it_stands() {
    let file = model(
        "Request",
        json!({
            "Data": {"oneOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["b"]}]},
            "Request": {"allOf": [
                {"allOf": [{"$ref": "#/components/schemas/Data"}], "nullable": true},
                {"type": "object", "properties": {"billing": {"type": "string"}}}
            ]}
        }),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
    assert_eq!(
        (&fields[0].role, &fields[0].ty, fields[0].presence),
        (&FieldRole::Flattened, &named("Data"), Presence::Optional)
    );
    assert_eq!(fields[1].json(), Some("billing"));
}

#[test]
fn externally_tagged_union() {
    let file = model(
        "Voucher",
        json!({
            "Boleto": {"type": "object", "properties": {"ssn": {"type": "string"}}},
            "Voucher": {"oneOf": [
                {"type": "object", "required": ["boleto"], "properties": {"boleto": {"$ref": "#/components/schemas/Boleto"}}},
                {"type": "string", "enum": ["efecty"]}
            ]}
        }),
    );
    let ModelKind::ExternallyTagged(variants) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    assert_eq!(
        variants[0],
        Variant { name: "Boleto".into(), wire: Some("boleto".into()), payload: Some(named("Boleto")), nullable: false }
    );
    assert_eq!(
        variants[1],
        Variant { name: "Efecty".into(), wire: Some("efecty".into()), payload: None, nullable: false }
    );
}

#[test]
fn externally_tagged_variant_with_a_nullable_payload_holds_an_option() {
    let amount = json!({"$ref": "#/components/schemas/Amount"});
    let keyed = |key: &str, schema: serde_json::Value| json!({"type": "object", "required": [key], "properties": {key: schema}});
    let file = model(
        "Mandate",
        json!({
            "Amount": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}}},
            "NullableAmount": {"type": "object", "nullable": true, "properties": {"value": {"type": "integer"}}},
            "Mandate": {"oneOf": [
                keyed("single_use", amount.clone()),
                keyed("multi_use", json!({"allOf": [amount], "nullable": true})),
                keyed("open", json!({"$ref": "#/components/schemas/NullableAmount"})),
                keyed("note", json!({"type": "string", "nullable": true})),
                keyed("extra", json!({})),
                {"type": "string", "enum": ["none"]}
            ]}
        }),
    );
    let ModelKind::ExternallyTagged(variants) = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    let summary: Vec<(&str, Option<&Ty>, bool)> =
        variants.iter().map(|v| (v.wire.as_deref().unwrap(), v.payload.as_ref(), v.nullable)).collect();
    assert_eq!(
        summary,
        [
            ("single_use", Some(&named("Amount")), false),
            ("multi_use", Some(&named("Amount")), true),
            ("open", Some(&named("NullableAmount")), true),
            ("note", Some(&Ty::String), true),
            // `serde_json::Value` holds `null` itself: no `Option` around it.
            ("extra", Some(&Ty::Json), false),
            ("none", None, false),
        ]
    );

    // The other unions never make a variant nullable.
    let untagged = model(
        "Either",
        json!({
            "Amount": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}}},
            "Either": {"anyOf": [{"allOf": [{"$ref": "#/components/schemas/Amount"}], "nullable": true}, {"type": "string"}]}
        }),
    );
    let ModelKind::Untagged(variants) = &untagged.models[0].kind else { panic!("{:?}", untagged.models[0].kind) };
    assert!(variants.iter().all(|variant| !variant.nullable), "{variants:?}");
}

#[test]
fn discriminated_union_strips_the_tag_from_inline_variants() {
    let file = model(
        "Action",
        json!({"Action": {
            "oneOf": [
                {"type": "object", "required": ["type", "url"], "properties": {"type": {"type": "string", "enum": ["redirect"]}, "url": {"type": "string"}}},
                {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["wait"]}}}
            ],
            "discriminator": {"propertyName": "type"}
        }}),
    );
    let ModelKind::Tagged { tag, variants } = &file.models[0].kind else { panic!("{:?}", file.models[0].kind) };
    assert_eq!(tag, "type");
    assert_eq!(variants[0].payload, Some(named("ActionRedirect")));
    assert_eq!(variants[1], Variant { name: "Wait".into(), wire: Some("wait".into()), payload: None, nullable: false });
    let ModelKind::Struct(fields) = &file.models[1].kind else { panic!() };
    assert_eq!(fields.len(), 1, "the tag is written by the union, not the variant");
}

#[test]
fn object_with_additional_properties_keeps_the_other_members() {
    let file = model(
        "Problem",
        json!({"Problem": {
            "type": "object",
            "required": ["title"],
            "properties": {"title": {"type": "string"}},
            "additionalProperties": true
        }}),
    );
    let ModelKind::Struct(fields) = &file.models[0].kind else { panic!() };
    let extra = &fields[1];
    assert_eq!((&extra.role, extra.json(), extra.init), (&FieldRole::Others, None, Init::Default));
    assert_eq!((extra.rust.as_str(), &extra.ty), ("additional_properties", &Ty::Map(Box::new(Ty::Json))));
}

#[test]
fn named_inline_schemas_are_shared() {
    let value = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
    let components = json!({
        "A": {"type": "object", "properties": {"m": {"type": "object", "additionalProperties": value}}},
        "B": {"type": "object", "properties": {"m": {"type": "object", "additionalProperties": value}}}
    });
    let schemas = schemas(components);
    let config = config();
    let shared = vec![("MetadataValue".to_owned(), "#/x".to_owned(), inline(value.clone()))];
    let mut mapper = Mapper::new(&schemas, &config).with_shared(shared);
    let files = mapper.map_all();
    let field_type = |file: &ModelFile| match &file.models[0].kind {
        ModelKind::Struct(fields) => fields[0].ty.clone(),
        other => panic!("{other:?}"),
    };
    let expected = Ty::Map(Box::new(named("MetadataValue")));
    assert_eq!((field_type(&files[0]), field_type(&files[1])), (expected.clone(), expected));
    let defined: Vec<&str> = files.iter().flat_map(|file| &file.models).map(|model| model.name.as_str()).collect();
    assert_eq!(defined, ["A", "MetadataValue", "B"], "defined once, beside its first use");
}

#[test]
fn union_of_one_is_its_member() {
    let (rule, lowered, _) = lowered(json!({"oneOf": [{"type": "string"}]}), json!({}));
    assert_eq!((rule, lowered.ty), (Rule::UnionOfOne, Ty::String));
}

#[test]
fn untagged_union_orders_the_most_specific_first_and_keeps_raw_json_last() {
    let (rule, lowered, inline) = lowered(
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"$ref": "#/components/schemas/M"}]}),
        json!({"M": {"type": "object", "required": ["v"], "properties": {"v": {"type": "integer"}}}}),
    );
    assert_eq!((rule, lowered.ty), (Rule::UntaggedUnion, named("OwnerField")));
    let ModelKind::Untagged(variants) = &inline[0].kind else { panic!() };
    let order: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(order, ["M", "Boolean", "Integer", "String", "Other"]);
    assert!(variants.iter().all(|variant| variant.wire.is_none()), "untagged variants have no name on the wire");
}

#[test]
fn unsupported_shapes_are_diagnostics_with_pointers() {
    let unsupported = [inline(json!({"not": {"type": "string"}})), inline(json!({"type": "integer", "enum": [1, 2]}))];
    let schemas = schemas(json!({}));
    let config = config();
    let mut mapper = Mapper::new(&schemas, &config);
    for schema in &unsupported {
        assert!(matches!(classify(&mapper.spec(), schema), Rule::Unsupported(_)));
        assert_eq!(mapper.lower("X", Node::Inline(schema), "#/components/schemas/X").ty, Ty::Json);
    }
    assert_eq!(mapper.diagnostics.all().len(), 2);
    assert!(mapper.diagnostics.all().iter().all(|d| d.pointer == "#/components/schemas/X"));
}
