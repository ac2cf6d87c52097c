//! The closed vocabularies of DOMAIN.md, each stored as its snake_case text.

/// Declares an enum serialised as the given strings, with `as_str`, `parse` and `ALL`.
macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const fn as_str(self) -> &'static str { match self { $($name::$variant => $s),+ } }
            pub fn parse(s: &str) -> Option<$name> { match s { $($s => Some($name::$variant),)+ _ => None } }
        }
        // Written out rather than derived: utoipa's derive does not see a `serde(rename)`
        // whose value comes from a macro argument and documented the Rust variant names.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($s),+]))
                    .into()
            }
        }
        impl utoipa::ToSchema for $name {}
    };
}

str_enum!(
    /// planning -> active -> closed
    JpaStatus { Planning = "planning", Active = "active", Closed = "closed" }
);

impl JpaStatus {
    /// Status only moves forward, one step at a time or staying put.
    pub fn may_become(self, next: JpaStatus) -> bool {
        matches!(
            (self, next),
            (JpaStatus::Planning, JpaStatus::Planning)
                | (JpaStatus::Planning, JpaStatus::Active)
                | (JpaStatus::Active, JpaStatus::Active)
                | (JpaStatus::Active, JpaStatus::Closed)
                | (JpaStatus::Closed, JpaStatus::Closed)
        )
    }
}

str_enum!(CrimeType { PeopleSmuggling = "people_smuggling", TraffickingInPersons = "trafficking_in_persons" });
str_enum!(InvestigationStatus { Open = "open", Suspended = "suspended", Closed = "closed" });
str_enum!(LegKind {
    Recruitment = "recruitment", Departure = "departure", Transit = "transit",
    Destination = "destination", Exploitation = "exploitation",
});
str_enum!(TransportMode { Land = "land", Sea = "sea", Air = "air" });
str_enum!(ModusOperandi {
    Maritime = "maritime", Air = "air", LandBorder = "land_border", DocumentFraud = "document_fraud",
    OnlineRecruitment = "online_recruitment", DebtBondage = "debt_bondage", Other = "other",
});
str_enum!(Sensitivity { Standard = "standard", Restricted = "restricted" });
str_enum!(IndicatorStrength { Strong = "strong", Medium = "medium", Weak = "weak" });
str_enum!(LinkRelation { SameNetwork = "same_network", Related = "related", SpinOff = "spin_off" });
str_enum!(MilestoneKind {
    InvestigationPlanAgreed = "investigation_plan_agreed", IntelligenceShared = "intelligence_shared",
    JointOperation = "joint_operation", Arrests = "arrests", ChargesLaid = "charges_laid",
    ProsecutionCommenced = "prosecution_commenced", Conviction = "conviction",
    ExtraditionRequest = "extradition_request", MlaRequest = "mla_request", AssetsSeized = "assets_seized",
    VictimsReferred = "victims_referred", TraffickingScreening = "trafficking_screening", Other = "other",
});
str_enum!(MilestoneStatus { Planned = "planned", Achieved = "achieved", Cancelled = "cancelled" });
str_enum!(OutcomeStatus { Provisional = "provisional", Confirmed = "confirmed" });
str_enum!(ReturnStatus { Draft = "draft", Submitted = "submitted" });
str_enum!(InterestRole { Lead = "lead", Support = "support" });
str_enum!(ItemStatus {
    NotStarted = "not_started", InProgress = "in_progress", Delivered = "delivered",
    Deferred = "deferred", Dropped = "dropped",
});
