//! The actix-web adapter wrapping an `App`, called through `actix_web::test`.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::{App, Error, HttpRequest, HttpResponse, error, test, web};
use cors_runtime::CorsPolicy;
use cors_runtime::actix::{Cors, DynamicCors};
use cors_tests::{ACAO, APP, Outcome, ROUTES, Recorder, Req, Script, Strict};

use crate::{Exchange, Serve};

/// One request through an `App` with every route of [`ROUTES`] and actix's default
/// 404 service for the rest, wrapped in the CORS middleware.
pub(crate) async fn run<P: CorsPolicy>(policy: impl Into<Serve<P>>, request: &Req) -> Outcome {
    crate::only(run_each(policy, &Exchange::routed(request)).await)
}

/// Every exchange in turn through one such `App`.
pub(crate) async fn run_each<P: CorsPolicy>(
    policy: impl Into<Serve<P>>,
    exchanges: &[Exchange],
) -> Vec<Outcome> {
    let (recorder, script) = (Recorder::default(), Script::default());
    match policy.into() {
        Serve::Static(policy) => {
            let app = routes(App::new().wrap(Cors::new(policy)), &recorder, &script);
            let service = test::init_service(app).await;
            crate::exchange_each(exchanges, &recorder, &script, |request| {
                outcome(test::call_service(
                    &service,
                    test_request(request).to_request(),
                ))
            })
            .await
        }
        Serve::Dynamic(policy) => {
            let app = routes(
                App::new().wrap(DynamicCors::new(policy)),
                &recorder,
                &script,
            );
            let service = test::init_service(app).await;
            crate::exchange_each(exchanges, &recorder, &script, |request| {
                outcome(test::call_service(
                    &service,
                    test_request(request).to_request(),
                ))
            })
            .await
        }
    }
}

/// Every route of [`ROUTES`] on `app`.
fn routes<T>(mut app: App<T>, recorder: &Recorder, script: &Script) -> App<T>
where
    T: actix_web::dev::ServiceFactory<ServiceRequest, Config = (), Error = Error, InitError = ()>,
{
    for path in ROUTES {
        let (recorder, script) = (recorder.clone(), script.clone());
        app = app.route(
            path,
            web::route().to(move |request: HttpRequest| {
                let outcome = handle(&recorder, &script, &request);
                async move { outcome }
            }),
        );
    }
    app
}

/// A handler: a failing reply is an `Err(actix_web::Error)` carrying the reply as its
/// response, which actix sends before any middleware sees it.
fn handle(
    recorder: &Recorder,
    script: &Script,
    request: &HttpRequest,
) -> Result<HttpResponse, Error> {
    recorder.ran();
    let reply = script
        .reply(request.method().as_str(), request.path())
        .expect("every routed path has a reply");
    let status = StatusCode::from_u16(reply.status).expect("the app's statuses are valid");
    let mut builder = HttpResponse::build(status);
    for &(name, value) in &reply.headers {
        builder.append_header((name, value));
    }
    let response = builder.body(reply.body);
    if reply.fails {
        return Err(error::InternalError::from_response(reply.body, response).into());
    }
    Ok(response)
}

fn test_request(request: &Req) -> test::TestRequest {
    let method =
        Method::from_bytes(request.method.as_bytes()).expect("the table's methods are valid");
    let mut builder = test::TestRequest::default()
        .method(method)
        .uri(request.path);
    for (name, value) in &request.headers {
        builder = builder.append_header((*name, value.as_slice()));
    }
    builder
}

/// What a client saw of a response, handler runs aside.
async fn outcome<B: MessageBody>(response: impl Future<Output = ServiceResponse<B>>) -> Outcome {
    let response = response.await;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    let body = test::read_body(response).await.to_vec();
    Outcome {
        status,
        headers,
        body,
        handler_runs: 0,
    }
}

/// An inner middleware's `Err` never becomes a `ServiceResponse` inside the app; the
/// response actix makes of it must still carry the CORS headers.
#[actix_web::test]
async fn inner_middleware_errors_get_cors_headers() {
    let app = App::new()
        .wrap_fn(|_, _| async { Err::<ServiceResponse, _>(error::ErrorForbidden("nope")) })
        .wrap(Cors::new(Strict))
        .route("/items", web::get().to(HttpResponse::Ok));
    let service = test::init_service(app).await;
    let request = test::TestRequest::get()
        .uri("/items")
        .insert_header(("origin", APP))
        .to_request();
    let error = match service.call(request).await {
        Ok(response) => panic!("expected the inner error, got {}", response.status()),
        Err(error) => error,
    };
    assert_eq!(
        error.as_response_error().status_code(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(error.to_string(), "nope");
    let response = error.error_response();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let acao: Vec<_> = response.headers().get_all(ACAO).collect();
    assert_eq!(acao, [APP]);
    let vary: Vec<_> = response.headers().get_all("vary").collect();
    assert_eq!(vary, ["Origin"]);
}

/// `Scope::wrap` takes the middleware too: preflights under the scope are answered,
/// routes outside it are untouched.
#[actix_web::test]
async fn scope_wrap_applies_the_policy_to_the_scope_only() {
    let app = App::new()
        .service(
            web::scope("/api")
                .wrap(Cors::new(Strict))
                .route("/items", web::get().to(HttpResponse::Ok)),
        )
        .route("/other", web::get().to(HttpResponse::Ok));
    let service = test::init_service(app).await;
    let preflight = test::TestRequest::default()
        .method(Method::OPTIONS)
        .uri("/api/items")
        .insert_header(("origin", APP))
        .insert_header(("access-control-request-method", "PUT"))
        .to_request();
    let response = test::call_service(&service, preflight).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        response.headers().get(ACAO).map(|v| v.as_bytes()),
        Some(APP.as_bytes())
    );
    let outside = test::TestRequest::get()
        .uri("/other")
        .insert_header(("origin", APP))
        .to_request();
    let response = test::call_service(&service, outside).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get(ACAO).is_none());
    assert!(response.headers().get("vary").is_none());
}
