//! The request bench's server and clients: the server answers only a correct request, and the
//! SDK and the raw client read the same payment from it.

use payintent_bench::requests::{self, API_KEY, Clients, PAYMENT_ID};

#[test]
fn both_clients_read_the_same_payment_from_the_canned_server() {
    let server = requests::start_server().expect("the server starts");
    let runtime = requests::runtime().expect("a runtime");
    let clients = Clients::new(&server.base_url()).expect("the clients build");
    runtime.block_on(async {
        let sdk = clients.sdk_retrieve().await.expect("the SDK retrieves");
        let raw = clients.raw_retrieve().await.expect("the raw client retrieves");
        assert_eq!(sdk.payment_id, PAYMENT_ID);
        assert_eq!(sdk, raw);
        let raw_decode_body = clients.raw_retrieve_with_decode_body().await.expect("the raw client retrieves");
        assert_eq!(raw_decode_body, raw);

        let sdk = clients.sdk_create().await.expect("the SDK creates");
        let raw = clients.raw_create().await.expect("the raw client creates");
        assert_eq!(sdk.amount, 6_540);
        assert_eq!(sdk, raw);
    });
}

#[test]
fn the_server_refuses_a_wrong_key_path_or_media_type() {
    let server = requests::start_server().expect("the server starts");
    let runtime = requests::runtime().expect("a runtime");
    let url = server.base_url();
    let client = reqwest::Client::new();
    runtime.block_on(async {
        let status =
            |request: reqwest::RequestBuilder| async { request.send().await.expect("an answer").status().as_u16() };
        let payment = format!("{url}/payments/{PAYMENT_ID}");
        assert_eq!(status(client.get(&payment).header("api-key", API_KEY)).await, 200);
        assert_eq!(status(client.get(&payment).header("api-key", "another")).await, 401);
        assert_eq!(status(client.get(&payment)).await, 401);
        assert_eq!(status(client.get(format!("{url}/payments/other")).header("api-key", API_KEY)).await, 404);
        let create = client.post(format!("{url}/payments")).header("api-key", API_KEY).body("{}");
        assert_eq!(status(create).await, 415);
    });
}
