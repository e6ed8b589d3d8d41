//! Whole-API passes over the IR: which models travel in requests and responses (or in the
//! events the vendor sends on its own, received like responses), read-only fields in sent
//! models (and so which fields `new` takes), and `Box` where a model contains itself.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::generate::ir::model::{Field, FieldRole, Init, Model, ModelFile, ModelKind, Presence, Ty};
use crate::generate::ir::operation::ApiClass;

/// Runs every pass. `events` names the models the vendor sends unasked (webhook bodies).
pub fn analyze(files: &mut [ModelFile], classes: &mut [ApiClass], events: &[String]) {
    let mut requests = Vec::new();
    let mut responses = events.to_vec();
    for operation in classes.iter().flat_map(|class| &class.operations) {
        if let Some(body) = &operation.body {
            body.ty.named(&mut requests);
        }
        for response in &operation.responses {
            if let Some(ty) = &response.ty {
                ty.named(&mut responses);
            }
        }
        for param in operation.path_params.iter().chain(&operation.query_params) {
            param.ty.named(&mut requests);
        }
    }
    let mut models: Vec<&mut Model> = files
        .iter_mut()
        .flat_map(|file| &mut file.models)
        .chain(classes.iter_mut().flat_map(|c| &mut c.models))
        .collect();
    let graph: BTreeMap<String, Vec<String>> =
        models.iter().map(|model| (model.name.clone(), mentions(model))).collect();
    let sent = reachable(&graph, requests);
    let received = reachable(&graph, responses);
    for model in &mut models {
        model.direction.request = sent.contains(&model.name);
        model.direction.response = received.contains(&model.name);
        settle_presence(model);
    }
    let by_value: BTreeMap<String, Vec<String>> =
        models.iter().map(|model| (model.name.clone(), by_value_mentions(model))).collect();
    for model in &mut models {
        let owner = model.name.clone();
        for_each_by_value_ty(model, |ty| {
            if let Ty::Named(target) = ty
                && reachable(&by_value, [target.clone()]).contains(&owner)
            {
                *ty = Ty::Boxed(Box::new(ty.clone()));
            }
        });
    }
}

/// Presence once the direction is known: a read-only property is the server's to fill, so a
/// model that is sent never requires it; a nullable property of a model that is only received
/// writes `None` back as `null`, as the gateways do. How `new` sets each field follows.
fn settle_presence(model: &mut Model) {
    let ModelKind::Struct(fields) = &mut model.kind else { return };
    for field in fields.iter_mut() {
        let read_only = matches!(field.role, FieldRole::ReadOnly(_));
        if field.json().is_none() {
            // Written into its parent object: its presence is its own.
        } else if model.direction.request && read_only && field.required {
            field.presence = Presence::Optional;
        } else if !model.direction.request && field.nullable {
            field.presence = Presence::Nullable;
        }
        field.init = init(field);
    }
}

/// How `new` sets a field of this presence: a constant, or the map of other members, starts as
/// its default; a required field is an argument; any other starts as `None`.
pub fn init(field: &Field) -> Init {
    match field.role {
        FieldRole::Constant(_) | FieldRole::Others => Init::Default,
        _ if field.presence == Presence::Required => Init::Argument,
        _ => Init::Unset,
    }
}

fn payloads(model: &Model) -> Vec<&Ty> {
    match &model.kind {
        ModelKind::Struct(fields) => fields.iter().map(|field| &field.ty).collect(),
        ModelKind::ExternallyTagged(variants) | ModelKind::Untagged(variants) | ModelKind::Tagged { variants, .. } => {
            variants.iter().filter_map(|variant| variant.payload.as_ref()).collect()
        }
        ModelKind::Alias(ty) => vec![ty],
        ModelKind::Enum { .. } => Vec::new(),
    }
}

fn mentions(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    for ty in payloads(model) {
        ty.named(&mut out);
    }
    out
}

/// Models contained without indirection (`Vec` and maps allocate; `Option` does not).
fn by_value_mentions(model: &Model) -> Vec<String> {
    payloads(model)
        .into_iter()
        .filter_map(|ty| match ty {
            Ty::Named(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

fn for_each_by_value_ty(model: &mut Model, mut visit: impl FnMut(&mut Ty)) {
    match &mut model.kind {
        ModelKind::Struct(fields) => fields.iter_mut().for_each(|field| visit(&mut field.ty)),
        ModelKind::ExternallyTagged(variants) | ModelKind::Untagged(variants) | ModelKind::Tagged { variants, .. } => {
            variants.iter_mut().filter_map(|variant| variant.payload.as_mut()).for_each(visit)
        }
        ModelKind::Alias(_) | ModelKind::Enum { .. } => {}
    }
}

fn reachable(graph: &BTreeMap<String, Vec<String>>, roots: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<String> = roots.into_iter().collect();
    while let Some(name) = queue.pop_front() {
        if let Some(next) = graph.get(&name)
            && seen.insert(name)
        {
            queue.extend(next.iter().cloned());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::ir::model::Direction;

    fn field(name: &str, ty: Ty, presence: Presence) -> Field {
        Field { presence, ..Field::plain(name, name, ty, presence == Presence::Required) }
    }

    fn model(name: &str, fields: Vec<Field>) -> ModelFile {
        ModelFile {
            schema: name.into(),
            models: vec![Model {
                name: name.into(),
                schema: name.into(),
                pointer: String::new(),
                doc: None,
                kind: ModelKind::Struct(fields),
                direction: Direction::default(),
            }],
        }
    }

    #[test]
    fn an_event_and_every_model_it_contains_are_received() {
        let mut files = vec![
            model("Event", vec![field("refund", Ty::Named("Refund".into()), Presence::Required)]),
            model("Refund", vec![field("note", Ty::String, Presence::Optional)]),
            model("Unrelated", vec![field("note", Ty::String, Presence::Optional)]),
        ];
        analyze(&mut files, &mut [], &["Event".to_owned()]);
        let received: Vec<(&str, Direction)> =
            files.iter().map(|file| (file.models[0].name.as_str(), file.models[0].direction)).collect();
        let response = Direction { request: false, response: true };
        assert_eq!(received, [("Event", response), ("Refund", response), ("Unrelated", Direction::default())]);
    }

    #[test]
    fn a_model_containing_itself_is_boxed_and_lists_are_not() {
        let mut files = vec![model(
            "Node",
            vec![
                field("next", Ty::Named("Node".into()), Presence::Optional),
                field("children", Ty::Vec(Box::new(Ty::Named("Node".into()))), Presence::Optional),
            ],
        )];
        analyze(&mut files, &mut [], &[]);
        let ModelKind::Struct(fields) = &files[0].models[0].kind else { unreachable!() };
        assert_eq!(fields[0].ty, Ty::Boxed(Box::new(Ty::Named("Node".into()))));
        assert_eq!(fields[1].ty, Ty::Vec(Box::new(Ty::Named("Node".into()))));
    }
}
