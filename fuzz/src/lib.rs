//! What the fuzz targets share: how an input picks a content type and a model.

/// Content types a response may declare; the decoder must cope with each, and with none.
const CONTENT_TYPES: [Option<&str>; 6] = [
    None,
    Some("application/json"),
    Some("application/problem+json; charset=utf-8"),
    Some("text/xml"),
    Some("text/html"),
    Some(""),
];

/// An input: the first byte picks the content type, the second the model, the rest is the body.
pub struct Input<'a> {
    /// The declared `Content-Type`.
    pub content_type: Option<&'static str>,
    /// Which model to decode (the target takes it modulo its model count).
    pub model: u8,
    /// The body bytes.
    pub body: &'a [u8],
}

impl<'a> Input<'a> {
    /// Splits raw fuzzer bytes; `None` when there are fewer than two.
    pub fn split(data: &'a [u8]) -> Option<Self> {
        let [content_type, model, body @ ..] = data else { return None };
        Some(Self {
            content_type: CONTENT_TYPES[usize::from(*content_type) % CONTENT_TYPES.len()],
            model: *model,
            body,
        })
    }
}

/// Defines the fuzz target of a vendor crate: each listed model is decoded from the input.
#[macro_export]
macro_rules! decode_target {
    ($vendor:ident: $($model:ty),+ $(,)?) => {
        libfuzzer_sys::fuzz_target!(|data: &[u8]| {
            let Some(input) = payintent_fuzz::Input::split(data) else { return };
            let models: &[fn(&payintent_fuzz::Input<'_>)] =
                // Any error is fine: a panic, an abort or a stack overflow is the finding.
                &[$(|input| drop($vendor::decode_body::<$model>(input.content_type, input.body))),+];
            models[usize::from(input.model) % models.len()](&input);
        });
    };
}
