//! Asking a policy what it would answer to a request, and why: for tests and REPLs.

use std::fmt;

use cors_policy_core::{
    Action, CorsHeader, CorsPolicy, HeaderField, HeaderValueSource, RequestHead, Vary, decide,
};

/// A request to ask a policy about, written plainly (no HTTP framework needed).
///
/// [`explain`](Probe::explain) runs the same engine the adapters run and returns an
/// [`Explanation`]: the status (or that the handler runs), every CORS header with its
/// value, `Vary`, and the reason, which names the origin, method or header refused.
///
/// # Example
///
/// ```
/// use cors_runtime::{cors, Probe};
///
/// let policy = cors! {
///     origin: "https://app.example.com",
///     methods: [PUT],
///     allow_headers: ["content-type"],
/// };
/// let answer = Probe::preflight("https://app.example.com", "PUT")
///     .header("x-foo")
///     .explain(&policy);
/// assert_eq!(answer.status(), Some(403));
/// assert_eq!(answer.reason(), "request header `x-foo` is not allowed");
/// assert_eq!(
///     answer.to_string(),
///     "preflight refused: 403, empty body, the handler does not run\n\
///      reason: request header `x-foo` is not allowed\n\
///      vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    method: String,
    origins: Vec<String>,
    request_method: Option<String>,
    request_headers: Vec<String>,
    private_network: bool,
    fetch_sites: Vec<String>,
    hosts: Vec<String>,
    upgrade: Option<String>,
}

impl Probe {
    /// A request with this method and no header; add some with the other methods.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::new("GET").explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.reason(), "no Origin header: not a CORS request");
    /// ```
    pub fn new(method: impl Into<String>) -> Self {
        Probe {
            method: method.into(),
            origins: Vec::new(),
            request_method: None,
            request_headers: Vec::new(),
            private_network: false,
            fetch_sites: Vec::new(),
            hosts: Vec::new(),
            upgrade: None,
        }
    }

    /// A preflight: `OPTIONS` from `origin`, asking for `method`
    /// (`Access-Control-Request-Method`).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::preflight("https://a.example", "PUT")
    ///     .explain(&cors! { origin: "https://a.example", methods: [PUT] });
    /// assert_eq!(answer.status(), Some(204));
    /// assert_eq!(answer.header("access-control-allow-methods"), Some("PUT"));
    /// ```
    pub fn preflight(origin: impl Into<String>, method: impl Into<String>) -> Self {
        Probe {
            request_method: Some(method.into()),
            ..Probe::new("OPTIONS").origin(origin)
        }
    }

    /// A cross-origin request (not a preflight): `method` from `origin`.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::request("GET", "https://a.example")
    ///     .explain(&cors! { origin: "https://a.example", expose_headers: ["x-total"] });
    /// assert_eq!(answer.status(), None); // the handler answers
    /// assert_eq!(answer.header("access-control-expose-headers"), Some("x-total"));
    /// ```
    pub fn request(method: impl Into<String>, origin: impl Into<String>) -> Self {
        Probe::new(method).origin(origin)
    }

    /// Adds an `Origin` header (a second one makes the request carry two, which is
    /// never allowed).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::request("GET", "https://a.example")
    ///     .origin("https://b.example")
    ///     .explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.reason(), "several Origin headers: never allowed");
    /// ```
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origins.push(origin.into());
        self
    }

    /// Adds a name to `Access-Control-Request-Headers` (what a page's `fetch` would
    /// send for a header it sets).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::preflight("https://a.example", "PUT")
    ///     .header("Content-Type")
    ///     .explain(&cors! { origin: "https://a.example", methods: [PUT], allow_headers: ["content-type"] });
    /// assert!(answer.is_allowed());
    /// ```
    pub fn header(mut self, name: impl Into<String>) -> Self {
        self.request_headers.push(name.into());
        self
    }

    /// Adds `Access-Control-Request-Private-Network: true`.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::preflight("https://a.example", "GET")
    ///     .private_network()
    ///     .explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.reason(), "private network access requested but not enabled");
    /// ```
    pub fn private_network(mut self) -> Self {
        self.private_network = true;
        self
    }

    /// Adds a `Sec-Fetch-Site` header (what a browser says of where the request comes
    /// from: `same-origin`, `same-site`, `cross-site` or `none`); read by
    /// `cross_origin_protection`. A second call adds a second header.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let policy = cors! { origin: "https://app.example", cross_origin_protection: true };
    /// let answer = Probe::request("POST", "https://evil.example").fetch_site("cross-site").explain(&policy);
    /// assert_eq!(answer.status(), Some(403));
    /// assert_eq!(
    ///     answer.reason(),
    ///     "cross-origin `POST` refused (cross_origin_protection): Sec-Fetch-Site `cross-site`, \
    ///      and origin `https://evil.example` is not allowed"
    /// );
    /// ```
    pub fn fetch_site(mut self, site: impl Into<String>) -> Self {
        self.fetch_sites.push(site.into());
        self
    }

    /// Adds a `Host` header (the request's authority, `host[:port]`); read by
    /// `cross_origin_protection` when there is no `Sec-Fetch-Site`. A second call adds a
    /// second header.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let policy = cors! { origin: "https://app.example", cross_origin_protection: true };
    /// // An old browser on the server's own page: no Sec-Fetch-Site, Origin matches Host.
    /// let answer = Probe::request("POST", "https://api.example").host("api.example").explain(&policy);
    /// assert_eq!(answer.status(), None); // the handler runs
    /// ```
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts.push(host.into());
        self
    }

    /// Makes the request a WebSocket handshake (`Upgrade: websocket`).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let policy = cors! { origin: "https://app.example", cross_origin_protection: true };
    /// let answer = Probe::request("GET", "https://evil.example")
    ///     .websocket()
    ///     .fetch_site("cross-site")
    ///     .explain(&policy);
    /// assert_eq!(answer.status(), Some(403));
    /// assert!(answer.reason().starts_with("cross-origin WebSocket handshake refused"));
    /// ```
    pub fn websocket(mut self) -> Self {
        self.upgrade = Some("websocket".to_owned());
        self
    }

    /// What `policy` answers to this request, and why.
    ///
    /// ```
    /// use cors_runtime::{Policy, Probe};
    ///
    /// let policy = Policy::builder().origin("https://a.example").build()?;
    /// let answer = Probe::request("GET", "https://evil.example").explain(&policy);
    /// assert_eq!(answer.reason(), "origin `https://evil.example` is not allowed");
    /// assert!(answer.headers().is_empty());
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn explain<P: CorsPolicy + ?Sized>(&self, policy: &P) -> Explanation {
        self.explain_judged(policy, None)
    }

    /// The request's `Origin` header, counted.
    pub(crate) fn origin_field(&self) -> HeaderField<'_> {
        HeaderField::from_values(self.origins.iter().map(|o| o.as_bytes()))
    }

    /// [`explain`](Probe::explain), with the verdict on the origin already known when
    /// it is `Some` (an origin lookup asked first, as the dynamic adapters do).
    pub(crate) fn explain_judged<P: CorsPolicy + ?Sized>(
        &self,
        policy: &P,
        verdict: Option<cors_policy_core::OriginVerdict>,
    ) -> Explanation {
        let origin = self.origin_field();
        // One `Access-Control-Request-Headers` line, as browsers send it (the names
        // comma-joined; none: no line).
        let request_headers = self.request_headers.join(",");
        let request_headers_line =
            (!self.request_headers.is_empty()).then_some(request_headers.as_bytes());
        let head = RequestHead {
            method: self.method.as_bytes(),
            origin,
            request_method: HeaderField::from_values(
                self.request_method.iter().map(|m| m.as_bytes()),
            ),
            request_headers: request_headers_line,
            request_private_network: if self.private_network {
                HeaderField::One(b"true")
            } else {
                HeaderField::Absent
            },
            fetch_site: HeaderField::from_values(self.fetch_sites.iter().map(|s| s.as_bytes())),
            host: HeaderField::from_values(self.hosts.iter().map(|h| h.as_bytes())),
            upgrade: HeaderField::from_values(self.upgrade.iter().map(|u| u.as_bytes())),
        };
        let decision = match verdict {
            None => decide(policy, head),
            Some(verdict) => cors_policy_core::decide_with_origin_verdict(policy, head, verdict),
        };
        let settings = policy.settings();
        let headers = decision
            .headers()
            .iter()
            .filter_map(|header| {
                let value = match header.value(&settings)? {
                    HeaderValueSource::Text(text) => text.to_owned(),
                    HeaderValueSource::EchoOrigin => match origin {
                        HeaderField::One(value) => String::from_utf8_lossy(value).into_owned(),
                        _ => return None,
                    },
                    HeaderValueSource::EchoRequestMethod => self.request_method.clone()?,
                    HeaderValueSource::EchoRequestHeaders { otherwise } => {
                        match request_headers_line {
                            Some(_) => request_headers.clone(),
                            None => otherwise.to_owned(),
                        }
                    }
                };
                Some((header, value))
            })
            .collect();
        Explanation {
            action: decision.action(),
            preflight: decision.is_preflight(),
            allowed: decision.reason().is_allowed(),
            reason: decision.reason().to_string(),
            headers,
            vary: decision.vary(),
        }
    }
}

/// What a policy answers to a [`Probe`], and why.
///
/// `Display` prints it as a developer reads it: the outcome, the reason, then each header
/// the response gets (`Vary` members are merged into the handler's own when the handler
/// answers). `Debug` shows the same fields.
///
/// # Example
///
/// ```
/// use cors_runtime::{cors, Probe};
///
/// let policy = cors! { origin: "https://app.example.com", credentials: true };
/// let answer = Probe::request("GET", "https://app.example.com").explain(&policy);
/// assert_eq!(
///     answer.to_string(),
///     "forwarded: the handler runs; its response gets\n\
///      reason: origin allowed\n\
///      access-control-allow-origin: https://app.example.com\n\
///      access-control-allow-credentials: true\n\
///      vary: Origin"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Explanation {
    action: Action,
    preflight: bool,
    allowed: bool,
    reason: String,
    headers: Vec<(CorsHeader, String)>,
    vary: Vary,
}

impl Explanation {
    /// What the layer does: answer at once, or run the handler.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    /// use cors_runtime::engine::{Action};
    ///
    /// let answer = Probe::request("GET", "https://a.example").explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.action(), Action::Forward);
    /// ```
    pub fn action(&self) -> Action {
        self.action
    }

    /// Whether the request is a preflight (accepted or not).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// // `OPTIONS` without `Access-Control-Request-Method` belongs to the application.
    /// let answer = Probe::request("OPTIONS", "https://a.example").explain(&cors! { origin: "https://a.example" });
    /// assert!(!answer.is_preflight());
    /// ```
    pub fn is_preflight(&self) -> bool {
        self.preflight
    }

    /// Why, in words ([`Reason`](crate::engine::Reason)'s `Display`): names the origin, method
    /// or header refused.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::preflight("https://a.example", "PATCH").explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.reason(), "method `PATCH` is not allowed");
    /// ```
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether the request is granted (an allowed preflight or origin).
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::request("GET", "https://a.example").explain(&cors! { origin: * });
    /// assert!(answer.is_allowed());
    /// ```
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// The status the layer answers with, or `None` when the handler answers.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let policy = cors! { origin: "https://a.example", preflight_status: 200 };
    /// assert_eq!(Probe::preflight("https://a.example", "GET").explain(&policy).status(), Some(200));
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self.action {
            Action::Respond(status) => Some(status),
            Action::Forward => None,
        }
    }

    /// Every CORS header the response gets, with its value, in a fixed order.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::request("GET", "https://a.example").explain(&cors! { origin: * });
    /// assert_eq!(answer.headers(), [("access-control-allow-origin", "*")]);
    /// ```
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        self.headers
            .iter()
            .map(|(header, value)| (header.name(), value.as_str()))
            .collect()
    }

    /// The value of one CORS header (lowercase name), if the response gets it.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::preflight("https://a.example", "GET").explain(&cors! { origin: "https://a.example", max_age: 600 });
    /// assert_eq!(answer.header("access-control-max-age"), Some("600"));
    /// assert_eq!(answer.header("access-control-allow-credentials"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.name() == name)
            .map(|(_, value)| value.as_str())
    }

    /// The `Vary` members the response gets, comma-separated; `None` for none.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe};
    ///
    /// let answer = Probe::new("GET").explain(&cors! { origin: "https://a.example" });
    /// assert_eq!(answer.vary(), Some("Origin"));
    /// ```
    pub fn vary(&self) -> Option<&'static str> {
        self.vary.value()
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.status(), self.preflight, self.allowed) {
            (Some(status), true, true) => write!(
                f,
                "preflight allowed: {status}, empty body, the handler does not run"
            )?,
            (Some(status), true, false) => write!(
                f,
                "preflight refused: {status}, empty body, the handler does not run"
            )?,
            // Only cross-origin protection answers a request that is not a preflight.
            (Some(status), false, _) => write!(
                f,
                "refused: {status}, empty body, the handler does not run"
            )?,
            (None, true, _) => f.write_str(
                "preflight allowed, forwarded (preflight_continue): the handler runs; its response gets",
            )?,
            (None, false, _) => f.write_str("forwarded: the handler runs; its response gets")?,
        }
        write!(f, "\nreason: {}", self.reason())?;
        for (header, value) in &self.headers {
            write!(f, "\n{}: {value}", header.name())?;
        }
        if let Some(vary) = self.vary() {
            write!(f, "\nvary: {vary}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation")
            .field("status", &self.status())
            .field("preflight", &self.preflight)
            .field("allowed", &self.allowed)
            .field("reason", &self.reason)
            .field("headers", &self.headers())
            .field("vary", &self.vary())
            .finish()
    }
}
