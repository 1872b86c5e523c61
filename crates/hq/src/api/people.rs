//! People at HQ: signing in and out, the one-time password's replacement, and (for the
//! manager) who may sign in.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use outpost_wire::people::{NewUser, PasswordChange, Session, SignIn, User, UserInput};

use crate::auth::{Manager, SESSION_COOKIE, Signed};
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::people;
use crate::state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/session", get(get_session).post(sign_in).delete(sign_out))
        .route("/api/v1/session/password", put(change_password))
        .route("/api/v1/users", get(list_users).post(add_user))
}

/// The session cookie: HttpOnly and SameSite=Strict, Secure when HQ is served over TLS
/// (`serve --secure-cookies`) or the proxy says the request came so; empty and expired to end it.
fn cookie(s: &AppState, headers: &HeaderMap, token: &str, max_age_secs: i64) -> Result<HeaderValue> {
    let tls = s.secure_cookies || headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    let secure = if tls { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
    ))
    .map_err(|e| AppError::internal(format!("cookie: {e}")))
}

/// `POST /api/v1/session`: signs in by name and password; sets the session cookie and
/// answers the session with its CSRF token. Ten wrong passwords for one name in a minute: 429.
pub async fn sign_in(State(s): State<AppState>, headers: HeaderMap, Body(input): Body<SignIn>) -> Result<Response> {
    let now = s.now();
    let key = input.name.trim().to_lowercase();
    s.sign_in_failures.check(&key, now, "passwords for this name")?;
    let SignIn { name, password } = input;
    let found = s.db.tx(move |tx| people::find(tx, &name)).await?;
    // The hash is checked outside any transaction: it is slow on purpose.
    let checked = tokio::task::spawn_blocking(move || people::check(found, &password))
        .await
        .map_err(|e| AppError::internal(format!("password check: {e}")))?;
    let Some(found) = checked else {
        s.sign_in_failures.fail(&key, now);
        return Err(AppError::Unauthorized("wrong name or password".into()));
    };
    let (token, person) = s.db.tx(move |tx| people::open_session(tx, &found, now)).await?;
    let max_age = (person.expires_at - now).whole_seconds();
    let mut response = Json(person.session()).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&s, &headers, &token, max_age)?);
    Ok(response)
}

/// `GET /api/v1/session`: who is signed in, and the session's CSRF token (a reloaded page
/// asks again).
pub async fn get_session(signed: Signed) -> Json<Session> {
    Json(signed.person.session())
}

/// `DELETE /api/v1/session`: signs out; the cookie stops working at once.
pub async fn sign_out(State(s): State<AppState>, headers: HeaderMap, signed: Signed) -> Result<Response> {
    let token = signed.token;
    s.db.tx(move |tx| people::sign_out(tx, &token)).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&s, &headers, "", 0)?);
    Ok(response)
}

/// `PUT /api/v1/session/password`: replaces the password (the one-time one at first sign-in).
pub async fn change_password(
    State(s): State<AppState>,
    signed: Signed,
    Body(input): Body<PasswordChange>,
) -> Result<Json<Session>> {
    let now = s.now();
    let Signed { token, person } = signed;
    // Wrong current passwords count as wrong passwords do: a stolen session cannot guess.
    let key = format!("current password of {}", person.user_id);
    s.sign_in_failures.check(&key, now, "current passwords")?;
    let asking = person.clone();
    let stored = s.db.tx(move |tx| people::stored_hash(tx, &asking)).await?;
    let asking = person.clone();
    let hash = tokio::task::spawn_blocking(move || {
        people::new_password_hash(&asking, &stored, &input.password, &input.new_password)
    })
    .await
    .map_err(|e| AppError::internal(format!("password hash: {e}")))?
    .inspect_err(|e| {
        if matches!(e, AppError::Invalid { field: Some(f), .. } if f == "password") {
            s.sign_in_failures.fail(&key, now);
        }
    })?;
    let changed = person.clone();
    s.db.tx(move |tx| people::set_password(tx, &changed, &token, &hash, now)).await?;
    Ok(Json(people::SignedIn { password_set: true, ..person }.session()))
}

/// `GET /api/v1/users`: everyone who can sign in.
pub async fn list_users(State(s): State<AppState>, _: Manager) -> Result<Json<Vec<User>>> {
    Ok(Json(s.db.tx(people::list).await?))
}

/// `POST /api/v1/users`: lets a new person sign in; answers their one-time password once.
pub async fn add_user(
    State(s): State<AppState>,
    _: Manager,
    Body(input): Body<UserInput>,
) -> Result<(StatusCode, Json<NewUser>)> {
    let now = s.now();
    let once = tokio::task::spawn_blocking(people::one_time)
        .await
        .map_err(|e| AppError::internal(format!("password hash: {e}")))??;
    let added = s.db.tx(move |tx| people::add(tx, &input.name, input.role, &once, now)).await?;
    Ok((StatusCode::CREATED, Json(added)))
}
