//! Diesel table definitions. Must match `migrations/postgres` and `migrations/sqlite`
//! (both trees declare the same portable columns); the migration tests check it.

diesel::table! {
    agencies (id) {
        id -> Text,
        name -> Text,
        country -> Text,
        kind -> Text,
        contact_email -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        agency_id -> Nullable<Text>,
        active -> Bool,
        password_hash -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        totp_secret -> Nullable<Text>,
        totp_enabled -> Bool,
        totp_last_step -> Nullable<BigInt>,
        locale -> Text,
        organisation -> Nullable<Text>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mfa_challenges (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        cookie_hash -> Nullable<Text>,
        last_seen_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        session_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        spent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        throttle_key -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        changes -> Text,
        request_id -> Nullable<Text>,
        client_addr -> Nullable<Text>,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        kind -> Text,
        dedupe_key -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        message_id -> Text,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    jpas (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        description -> Text,
        start_date -> Date,
        end_date -> Date,
        status -> Text,
        is_exercise -> Bool,
        report_due_day -> Integer,
        reminder_days_before -> Integer,
        timezone -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    participations (jpa_id, agency_id) {
        jpa_id -> Text,
        agency_id -> Text,
        joined_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    investigations (id) {
        id -> Text,
        jpa_id -> Text,
        lead_agency_id -> Text,
        reference -> Text,
        title -> Text,
        summary -> Text,
        people_smuggling -> Bool,
        trafficking_in_persons -> Bool,
        status -> Text,
        opened_on -> Date,
        closed_on -> Nullable<Date>,
        route_legs -> Text,
        modus_operandi -> Text,
        sensitivity -> Text,
        trafficking_indicators -> Text,
        include_in_compendium -> Bool,
        compendium -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    investigation_partners (investigation_id, agency_id) {
        investigation_id -> Text,
        agency_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    investigation_links (investigation_a, investigation_b) {
        investigation_a -> Text,
        investigation_b -> Text,
        relation -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    milestones (id) {
        id -> Text,
        investigation_id -> Text,
        kind -> Text,
        title -> Text,
        responsible_agency_id -> Text,
        due_on -> Date,
        status -> Text,
        achieved_on -> Nullable<Date>,
        notes -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outcomes (id) {
        id -> Text,
        investigation_id -> Text,
        indicator -> Text,
        value -> BigInt,
        occurred_on -> Date,
        lead_agency_id -> Text,
        status -> Text,
        notes -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outcome_contributors (outcome_id, agency_id) {
        outcome_id -> Text,
        agency_id -> Text,
    }
}

diesel::table! {
    outcome_revisions (id) {
        id -> Text,
        outcome_id -> Text,
        previous_value -> BigInt,
        new_value -> BigInt,
        reason -> Text,
        revised_by -> Nullable<Text>,
        revised_at -> Timestamp,
    }
}

diesel::table! {
    monthly_returns (id) {
        id -> Text,
        jpa_id -> Text,
        agency_id -> Text,
        period -> Text,
        narrative -> Text,
        nil_return -> Bool,
        status -> Text,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<Text>,
        on_time -> Nullable<Bool>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    work_plans (id) {
        id -> Text,
        title -> Text,
        first_year -> Integer,
        last_year -> Integer,
        objectives -> Text,
        priorities -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    action_items (id) {
        id -> Text,
        work_plan_id -> Text,
        number -> Text,
        text -> Text,
        priority_numbers -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    action_item_jpas (action_item_id, jpa_id) {
        action_item_id -> Text,
        jpa_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    interests (id) {
        id -> Text,
        action_item_id -> Text,
        member_kind -> Text,
        member -> Text,
        role -> Text,
        recorded_on -> Date,
        note -> Text,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    meetings (id) {
        id -> Text,
        work_plan_id -> Text,
        held_on -> Date,
        place -> Text,
        held -> Bool,
        tabled -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    status_updates (id) {
        id -> Text,
        meeting_id -> Text,
        action_item_id -> Text,
        status -> Text,
        timeframe -> Nullable<Text>,
        note -> Text,
        reason -> Nullable<Text>,
        correction -> Bool,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(one_time_tokens -> users (user_id));
diesel::joinable!(participations -> jpas (jpa_id));
diesel::joinable!(participations -> agencies (agency_id));
diesel::joinable!(investigations -> jpas (jpa_id));
diesel::joinable!(investigation_partners -> investigations (investigation_id));
diesel::joinable!(milestones -> investigations (investigation_id));
diesel::joinable!(outcomes -> investigations (investigation_id));
diesel::joinable!(outcome_contributors -> outcomes (outcome_id));
diesel::joinable!(outcome_revisions -> outcomes (outcome_id));
diesel::joinable!(monthly_returns -> jpas (jpa_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(mfa_challenges -> users (user_id));
diesel::joinable!(action_items -> work_plans (work_plan_id));
diesel::joinable!(action_item_jpas -> action_items (action_item_id));
diesel::joinable!(action_item_jpas -> jpas (jpa_id));
diesel::joinable!(interests -> action_items (action_item_id));
diesel::joinable!(meetings -> work_plans (work_plan_id));
diesel::joinable!(status_updates -> meetings (meeting_id));
diesel::joinable!(status_updates -> action_items (action_item_id));

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    users,
    sessions,
    refresh_tokens,
    one_time_tokens,
    login_failures,
    audit_events,
    email_outbox,
    jpas,
    participations,
    investigations,
    investigation_partners,
    investigation_links,
    milestones,
    outcomes,
    outcome_contributors,
    outcome_revisions,
    monthly_returns,
    recovery_codes,
    mfa_challenges,
    work_plans,
    action_items,
    action_item_jpas,
    interests,
    meetings,
    status_updates,
);

// No primary key in the database: diesel needs one named, these are the figure's key.
diesel::table! {
    progress_figures (jpa_id, fact, agency_id, month, month2, status, detail) {
        jpa_id -> Text,
        fact -> Text,
        agency_id -> Text,
        month -> Text,
        month2 -> Text,
        status -> Text,
        detail -> Text,
        n -> BigInt,
        total -> BigInt,
    }
}

diesel::table! {
    progress_figure_changes (jpa_id, fact, agency_id, month, month2, status, detail) {
        jpa_id -> Text,
        fact -> Text,
        agency_id -> Text,
        month -> Text,
        month2 -> Text,
        status -> Text,
        detail -> Text,
        n -> BigInt,
        total -> BigInt,
    }
}
