//! Level files: the scenario types as a teacher writes them in RON, and the world the
//! rules run on once every reference in them has been checked and resolved.

use super::date::Date;
use super::text::Text;
use serde::{Deserialize, Serialize};

mod facts;
mod phone;

pub use facts::*;
pub use phone::*;

/// One level file (`levels/*.ron`). Ids are strings here; [`super::World`] resolves them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    /// File name of the fact catalog, relative to the level file.
    #[serde(default = "default_catalog")]
    pub facts_catalog: String,
    pub start: Date,
    pub days: u32,
    pub phone_model: Text,
    #[serde(default)]
    pub rules: PhoneRules,
    pub family: Family,
    /// What the household spends and earns beside the trade, and what it may borrow.
    pub household: Household,
    pub money: Money,
    /// Most goods (kg) the trader can carry at once.
    #[serde(default = "default_carry")]
    pub carry_kg: u32,
    #[serde(default)]
    pub stock: Vec<(String, u32)>,
    pub costs: Costs,
    pub home: String,
    pub places: Vec<Place>,
    pub routes: Vec<Route>,
    pub goods: Vec<Good>,
    pub exchange: Exchange,
    pub inspectors: Vec<InspectorSpec>,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    pub phone: Vec<ItemSpec>,
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default)]
    pub info_events: Vec<InfoEvent>,
    pub endings: EndingRules,
    /// The first stop comes by this day (1-based) for everyone who goes out: the first
    /// arrival away from home on that day, with no stop yet, is a stop (the facilitator's
    /// first pause needs one in every game). None: chance alone.
    #[serde(default)]
    pub first_stop_by_day: Option<u32>,
    /// Fact-card ids this level shows (from the catalog).
    #[serde(default)]
    pub facts: Vec<String>,
    /// What the level simplifies, shown in the debrief.
    #[serde(default)]
    pub simplifications: Vec<Text>,
    /// The fact cards the class's before/after check asks about (`crate::check`): each
    /// carries one question in each of the two forms. Every player meets them within a
    /// class session: one not met by the second morning comes up then (two a morning).
    #[serde(default)]
    pub check: Vec<String>,
}

fn default_depth() -> u32 {
    100
}

fn default_carry() -> u32 {
    60
}

fn default_catalog() -> String {
    "facts.ron".to_string()
}

/// Scenario-dependent behaviour of the state phone.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PhoneRules {
    /// Minutes of phone use between two automatic screenshots [94].
    pub screenshot_every_minutes: u32,
    /// Unsigned foreign files on internal storage are deleted automatically [87].
    pub auto_delete_unsigned: bool,
    /// The phone also scans the SD card (Pyongyang 2423 behaviour [92]).
    pub scan_sd_card: bool,
    /// Typed "oppa" is replaced with "comrade" [94].
    pub word_filter: bool,
    /// The 2023 forced update removed sending photos and videos by text [88].
    pub photo_text_blocked: bool,
}

impl Default for PhoneRules {
    fn default() -> Self {
        PhoneRules {
            screenshot_every_minutes: 5,
            auto_delete_unsigned: true,
            scan_sd_card: false,
            word_filter: true,
            photo_text_blocked: false,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub members: Vec<Member>,
    /// Grain the family eats each evening (kg); bought at the home price if not in stock.
    pub grain_kg_per_day: u32,
    /// Goods that count as grain, eaten cheapest first.
    pub grain_goods: Vec<String>,
}

/// The household's costs and choices beside the trade (the levels cite facts.md [172–212]
/// beside each figure, or mark it invented for play).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Firewood for a day's cooking (won).
    pub fuel_won: i64,
    /// The neighbourhood unit's levy, a month (won).
    pub levy_won_per_month: i64,
    /// School levies a pupil, a month (won), and the children at school.
    pub school_won_per_month: i64,
    pub pupils: u32,
    /// The husband's factory wage a month (won) and the share of it actually paid (‰).
    pub wage_won_per_month: i64,
    pub wage_paid_permille: u32,
    /// "8.3": what he pays the factory a month to be excused (won), then day labour: what a
    /// day pays and the chance of finding it (‰).
    pub eight_three_won_per_month: i64,
    pub day_labour_won: i64,
    pub day_labour_permille: u32,
    /// Private loans: interest a month (‰), the most a lender gives (won), days to repay.
    pub loan_permille_per_month: u32,
    pub loan_max_won: i64,
    pub loan_days: u32,
    /// Hunger (points: 1 for a meagre evening, 3 for none; a good evening takes 1 or 2
    /// away) at which a child falls sick, and what the medicine costs (won).
    pub sick_at: u32,
    pub medicine_won: i64,
    /// What the family asks for during the level.
    #[serde(default)]
    pub requests: Vec<Request>,
}

/// A need of the family that arrives on a day and must be met by a deadline.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub id: String,
    /// The day it arrives (1 = first) and the days she has to meet it.
    pub day: u32,
    pub days: u32,
    /// Family member index (into `family.members`) who asks.
    pub who: u32,
    pub what: Text,
    pub won: i64,
    /// What happens if it is not met, in words the evening shows.
    pub missed: Text,
    /// A missed school demand keeps a child home for a day.
    #[serde(default)]
    pub school: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: Text,
    pub role: Text,
    /// How the game draws them (a face, not a role: the screens' portraits).
    #[serde(default)]
    pub face: Face,
}

/// The kinds of portrait the game draws (docs/art-direction.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Face {
    /// No portrait: the screens show the name's first letter.
    #[default]
    Unknown,
    Man,
    Woman,
    Girl,
    Boy,
    OldWoman,
    OldMan,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Money {
    pub won: i64,
    pub yuan: i64,
    pub usd: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Phone credit bought each evening (won).
    pub phone_topup_won: i64,
    /// Daily fee for a registered market stall, paid the first time one sells there.
    pub stall_fee_won: i64,
    /// A call to a contact (won of credit).
    pub call_won: i64,
    /// Repair stall: wipe the screenshot log [90].
    pub repair_wipe_won: i64,
    pub repair_wipe_minutes: u32,
    /// Repair stall: convert a foreign file so that it escapes deletion [91].
    pub repair_convert_won: i64,
    pub repair_convert_minutes: u32,
    /// Chance (per mille) that the technician reports a customer.
    pub repair_inform_permille: u32,
    /// A new phone after a confiscation (yuan) [147].
    pub new_phone_yuan: i64,
    /// Money changer's margin (per mille of the rate).
    pub exchange_spread_permille: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceKind {
    Home,
    Market,
    Street,
    Station,
    Port,
    RepairStall,
    CadreHouse,
    Alley,
    Wholesale,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: Text,
    pub kind: PlaceKind,
    /// Map position, 0..1000 on both axes.
    pub x: i32,
    pub y: i32,
    /// Chance of a stop on arrival, per mille, before campaigns.
    pub risk_permille: u32,
    /// Trading here only during market hours (10:00–18:00 [144]).
    #[serde(default)]
    pub market_hours: bool,
    /// Selling here needs a stall fee (registered market). Otherwise it is grasshopper
    /// trade: no fee, but sellers may be chased off [144].
    #[serde(default)]
    pub stall: bool,
    /// Goods traded here and the local price as per mille of the dated price.
    #[serde(default)]
    pub prices: Vec<(String, u32)>,
    /// A money changer works here.
    #[serde(default)]
    pub changer: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub from: String,
    pub to: String,
    pub minutes: u32,
    pub risk_permille: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Good {
    pub id: String,
    pub name: Text,
    pub unit: Text,
    /// Daily price noise, per mille either way.
    pub noise_permille: u32,
    /// Kilograms a place absorbs in a day before its price moves 10% (selling pushes it
    /// down, buying pushes it up): a market is not bottomless.
    #[serde(default = "default_depth")]
    pub depth_kg: u32,
    pub series: Vec<PricePoint>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PricePoint {
    pub date: Date,
    pub won: i64,
    /// Source number in research/facts.md, or 0 for a figure invented for play (say why
    /// in a comment beside it).
    pub source: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// Largest allowed distance between two points of the series.
    pub max_gap_days: u32,
    pub series: Vec<RatePoint>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatePoint {
    pub date: Date,
    /// Won per dollar and per yuan.
    pub usd: i64,
    pub cny: i64,
    pub source: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InspectorKind {
    /// The joint command against anti-socialist behaviour, "Group 8.2" [101][102].
    JointCommand82,
    /// Youth League street team [97][100].
    YouthLeague,
    /// Ministry of State Security officer [99].
    StateSecurity,
}

/// Where an inspector looks, in the order the inspector looks there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchStep {
    Messages,
    Photos,
    Videos,
    Contacts,
    Files,
    SdCard,
    Trace,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
pub enum Currency {
    Won,
    Yuan,
    Usd,
}

impl Currency {
    /// The sign written before an amount.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Won => "₩",
            Currency::Yuan => "¥",
            Currency::Usd => "$",
        }
    }
}

/// Money as the game writes it everywhere: the currency's sign and grouped digits
/// ("₩1,234,567", "-₩3,000", "¥300", "$10").
pub fn money(c: Currency, amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    if amount < 0 {
        out.push('-');
    }
    out.push_str(c.symbol());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// [`money`] in won.
pub fn won(amount: i64) -> String {
    money(Currency::Won, amount)
}

pub const CURRENCIES: [Currency; 3] = [Currency::Won, Currency::Yuan, Currency::Usd];

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectorSpec {
    pub id: String,
    pub kind: InspectorKind,
    pub name: Text,
    pub search: Vec<SearchStep>,
    /// Chance per mille that each step of the search finds what is there.
    pub thoroughness_permille: u32,
    /// Smallest bribe (in won at the day's rate) accepted to let a clean phone go; a
    /// finding multiplies it by its severity.
    pub bribe_min_won: i64,
    /// Currencies this inspector takes.
    pub currencies: Vec<Currency>,
    /// Chance per mille of demanding "a little something" even from a clean phone.
    pub greed_permille: u32,
    /// Chance per mille that an excuse works.
    pub talk_permille: u32,
    /// During a campaign this inspector takes no bribes at all.
    #[serde(default)]
    pub refuses_in_campaign: bool,
    /// Places where this inspector works (empty: anywhere on the streets).
    #[serde(default)]
    pub places: Vec<String>,
    pub weight: u32,
    #[serde(default)]
    pub fact: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    pub name: Text,
    pub from: Date,
    pub to: Date,
    /// Stop chances are multiplied by this (per mille: 2000 doubles them).
    pub risk_x_permille: u32,
    /// Inspectors out in force during the campaign.
    pub inspectors: Vec<String>,
    #[serde(default)]
    pub fact: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndingRules {
    /// Hungry evenings the family can bear before the "family went hungry" ending.
    pub hungry_limit: u32,
    /// Net worth (won) below which the business is ruined.
    pub ruin_below_won: i64,
    /// Net worth (won) at the end for the "business thrives" ending.
    pub thrive_won: i64,
    /// Criticism sessions before the "struggle session" ending.
    pub criticism_limit: u32,
    /// Days a criticism session takes from the trade.
    pub criticism_days: u32,
}

/// What the family eats: rice, corn or corn porridge, two meals or three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grain {
    Rice,
    Corn,
    Porridge,
}
