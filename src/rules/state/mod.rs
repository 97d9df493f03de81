//! The game's state: plain data that serializes byte for byte the same for the same
//! level, seed and actions.

pub use super::scenario::Grain;
use super::scenario::{Currency, Flag, ItemKind, Origin, Storage};
use super::text::Text;
use super::world::World;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod home;
pub use home::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub won: i64,
    pub yuan: i64,
    pub usd: i64,
}

impl Wallet {
    pub fn get(&self, c: Currency) -> i64 {
        match c {
            Currency::Won => self.won,
            Currency::Yuan => self.yuan,
            Currency::Usd => self.usd,
        }
    }

    pub fn get_mut(&mut self, c: Currency) -> &mut i64 {
        match c {
            Currency::Won => &mut self.won,
            Currency::Yuan => &mut self.yuan,
            Currency::Usd => &mut self.usd,
        }
    }
}

/// One item on the phone. Its fixed description is `world.specs[spec]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: u32,
    pub spec: u16,
    pub kind: ItemKind,
    pub storage: Storage,
    pub origin: Origin,
    /// Bit set of [`Flag`]s.
    pub flags: u8,
    /// Set when the player renamed a contact.
    pub renamed: Option<Text>,
    /// Information event index, while it waits for forward / keep / delete.
    pub pending_info: Option<u16>,
    pub read: bool,
}

impl Item {
    pub fn has(&self, f: Flag) -> bool {
        self.flags & f.bit() != 0
    }

    pub fn severity(&self) -> u8 {
        severity_of(self.flags)
    }
}

pub fn severity_of(flags: u8) -> u8 {
    Flag::ALL
        .iter()
        .filter(|f| flags & f.bit() != 0)
        .map(|f| f.severity())
        .max()
        .unwrap_or(0)
}

/// An automatic screenshot in the hidden folder: what was on screen, when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shot {
    pub day: u16,
    pub minute: u16,
    /// The item on screen (it may have been deleted since: the shot stays).
    pub item: u32,
    pub spec: u16,
    pub flags: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    pub present: bool,
    pub items: Vec<Item>,
    pub trace: Vec<Shot>,
    /// How many shots of the trace show something risky (kept with the trace).
    #[serde(default)]
    pub flagged_shots: u32,
    pub sd_hidden: bool,
    /// Minutes of use, for the screenshot clock.
    pub use_minutes: u32,
    /// Won of call credit.
    pub credit: i64,
}

/// A price the player knows: (day learned, won per unit) for [place][good].
pub type Notebook = Vec<Option<(u16, i64)>>;

/// Money in and out of one day, for the evening ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub day: u16,
    /// Fuel, levies, school, the husband's 8.3 and medicine (won) ...
    #[serde(default)]
    pub household: i64,
    /// ... and what the husband brought home (won).
    #[serde(default)]
    pub income: i64,
    /// How the family ate tonight, and what grain was in the bowls.
    #[serde(default)]
    pub meal: Meal,
    #[serde(default)]
    pub grain: Option<Grain>,
    /// A child sick tonight; a child kept home from school today.
    #[serde(default)]
    pub sick: bool,
    #[serde(default)]
    pub kept_home: bool,
    /// What she owes tonight (won).
    #[serde(default)]
    pub debt: i64,
    pub sales: i64,
    pub purchases: i64,
    pub food: i64,
    pub topup: i64,
    pub fees: i64,
    pub bribes: i64,
    pub fines: i64,
    pub hungry: bool,
    pub net_worth: i64,
    /// Risky items on the phone at the end of the day.
    pub risky_items: u16,
    pub items: u16,
    pub trace: u16,
    /// Her money and what she carried when the day closed, and when she got home: what
    /// the evening screen shows (the rules have already opened the next morning).
    #[serde(default)]
    pub wallet: Wallet,
    #[serde(default)]
    pub carried: u32,
    #[serde(default)]
    pub home_at: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Stopped: they want the phone.
    Stopped,
    /// They searched; `severity` of what they found (0: nothing).
    Searched,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub inspector: u16,
    pub place: u16,
    pub stage: Stage,
    /// Items found (ids) and screenshots found (indices into the trace).
    pub found_items: Vec<u32>,
    pub found_shots: Vec<u32>,
    pub severity: u8,
    pub talked: bool,
    pub offers: u8,
    /// Steps added to (or, for a good excuse, taken off) the consequence ladder.
    pub ladder_bonus: i8,
    pub refused: bool,
    pub during_campaign: bool,
}

impl Inspection {
    /// A stop just begun: inspector `inspector` at place `place`, nothing asked or found yet
    /// (`during_campaign`: while a campaign is on).
    pub fn new(inspector: u16, place: u16, during_campaign: bool) -> Inspection {
        Inspection {
            inspector,
            place,
            stage: Stage::Stopped,
            found_items: Vec::new(),
            found_shots: Vec::new(),
            severity: 0,
            talked: false,
            offers: 0,
            ladder_bonus: 0,
            refused: false,
            during_campaign,
        }
    }
}

/// How a game ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ending {
    /// The scenario's days are over, the family fed, savings grown.
    Thriving,
    /// The days are over and the family was fed.
    FamilyFed,
    /// Too many hungry evenings.
    FamilyHungry,
    /// Net worth fell below what a trade needs.
    BusinessRuined,
    /// The phone was taken and never replaced: the business runs blind.
    PhoneLost,
    /// Public criticism sessions broke the family's standing.
    StruggleSession,
    /// Arrested under the 2020 law.
    Arrested,
    /// A loan fell due and she could not pay it.
    InDebt,
}

pub const ENDINGS: [Ending; 8] = [
    Ending::Thriving,
    Ending::FamilyFed,
    Ending::FamilyHungry,
    Ending::BusinessRuined,
    Ending::PhoneLost,
    Ending::StruggleSession,
    Ending::Arrested,
    Ending::InDebt,
];

impl Ending {
    pub fn key(self) -> &'static str {
        match self {
            Ending::Thriving => "thriving",
            Ending::FamilyFed => "family_fed",
            Ending::FamilyHungry => "family_hungry",
            Ending::BusinessRuined => "business_ruined",
            Ending::PhoneLost => "phone_lost",
            Ending::StruggleSession => "struggle_session",
            Ending::Arrested => "arrested",
            Ending::InDebt => "in_debt",
        }
    }
}

/// A price that is different today: a supplier's deal or a tip's truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub day: u16,
    pub good: u16,
    pub place: u16,
    pub permille: u32,
}

/// Serialized to compare games (a save is the level, the seed and the actions).
#[derive(Clone, Debug, Serialize)]
pub struct GameState {
    /// The level this game runs on (not serialized: a save names the level).
    #[serde(skip)]
    pub world: Arc<World>,
    /// 0-based day of the scenario.
    pub day: u16,
    /// Minutes since midnight.
    pub minute: u16,
    pub place: u16,
    pub wallet: Wallet,
    pub stock: Vec<u32>,
    pub phone: Phone,
    pub notebook: Notebook,
    /// Daily price noise per [place][good], per mille around 1000.
    pub noise: Vec<i16>,
    pub deals: Vec<Deal>,
    /// Today's won per dollar and per yuan.
    pub rates: (i64, i64),
    /// Today's dated price of each good (won), before local spread and noise.
    pub base: Vec<i64>,
    /// Today's quoted price per [place][good] (0: not traded there); see `refresh_quotes`.
    pub quotes: Vec<i64>,
    /// The same after her own trades today moved them (see [`moved_price`]).
    #[serde(default)]
    pub prices: Vec<i64>,
    /// Net kilograms sold (+) or bought (-) today, per [place][good].
    pub flow: Vec<i32>,
    pub inspection: Option<Inspection>,
    /// Walking home at day's end was interrupted by a stop.
    pub walking_home: bool,
    pub stall_paid_today: bool,
    /// Trust of the trading network.
    pub trust: i32,
    /// The authorities' attention: added to every stop chance (per mille).
    pub heat: u32,
    pub today: Ledger,
    pub ledgers: Vec<Ledger>,
    pub record: Record,
    pub next_item: u32,
    pub ending: Option<Ending>,
    /// Days still to sit out after a criticism session.
    pub lost_days: u16,
    /// The last day has closed: she is home for the last evening (the family's requests can
    /// still be met); the next `EndDay` ends the game.
    pub last_evening: bool,
    /// She is home for the evening (the rules have begun the next day): the evening's clock,
    /// which the phone's use moves on and its screenshots carry, until `Morning` or her
    /// first step out (issue 31: the evening's phone use was stamped 07:00 of the next day).
    #[serde(default)]
    pub evening: Option<u16>,
    /// The household beside the trade.
    pub home: Home,
}

pub const DAY_START: u16 = 7 * 60;
/// The evening at home begins at six, or when she comes home after that.
pub const EVENING: u16 = 18 * 60;
/// Minutes lost when the market guards chase a "grasshopper" seller off [144].
pub const CHASED_MINUTES: u16 = 20;
pub const CURFEW: u16 = 22 * 60;
pub const MARKET_OPEN: u16 = 10 * 60;
pub const MARKET_CLOSE: u16 = 18 * 60;

impl GameState {
    pub fn lv(&self) -> &super::scenario::Level {
        self.world.lv()
    }

    /// The day and minute it is for her: the evening's clock on the day that closed while
    /// she is home for the evening, else the day's.
    pub fn now(&self) -> (u16, u16) {
        match self.evening {
            Some(m) => (self.day.saturating_sub(1), m),
            None => (self.day, self.minute),
        }
    }

    /// The phone's screenshots taken by now ([`GameState::now`]): in the evening, not the
    /// next morning's (the rules have begun the next day, whose overnight messages she reads
    /// at seven and the phone records then).
    pub fn shots_so_far(&self) -> impl DoubleEndedIterator<Item = &Shot> {
        let now = self.now();
        self.phone
            .trace
            .iter()
            .filter(move |t| (t.day, t.minute) <= now)
    }

    pub fn date(&self) -> super::date::Date {
        self.lv().start.plus_days(self.day as i32)
    }

    pub fn item(&self, id: u32) -> Option<&Item> {
        self.item_index(id).map(|k| &self.phone.items[k])
    }

    /// Where an item is on the phone. Items stay in the order of their ids: a new one is
    /// pushed with the next id, and removals keep the order.
    pub fn item_index(&self, id: u32) -> Option<usize> {
        self.phone.items.binary_search_by_key(&id, |i| i.id).ok()
    }

    pub fn item_name<'a>(&'a self, item: &'a Item) -> &'a Text {
        item.renamed
            .as_ref()
            .unwrap_or(&self.world.specs[item.spec as usize].name)
    }

    pub fn rates(&self) -> (i64, i64) {
        self.rates
    }

    /// Won value of an amount of a currency at today's mid rate.
    pub fn to_won(&self, c: Currency, amount: i64) -> i64 {
        let (usd, cny) = self.rates();
        match c {
            Currency::Won => amount,
            Currency::Yuan => amount * cny,
            Currency::Usd => amount * usd,
        }
    }

    pub fn cash_won(&self) -> i64 {
        self.wallet.won
            + self.to_won(Currency::Yuan, self.wallet.yuan)
            + self.to_won(Currency::Usd, self.wallet.usd)
    }

    /// Cash plus stock at today's dated prices (won).
    pub fn net_worth(&self) -> i64 {
        self.cash_won() + self.stock_worth()
    }

    /// The goods she has at today's dated prices (won).
    pub fn stock_worth(&self) -> i64 {
        let d = self.date();
        self.stock
            .iter()
            .enumerate()
            .map(|(g, &q)| {
                q as i64
                    * self
                        .base
                        .get(g)
                        .copied()
                        .unwrap_or_else(|| self.world.base_price(g, d))
            })
            .sum::<i64>()
    }

    /// Today's price of a good at a place (won per unit), or None where it is not traded.
    #[inline]
    pub fn price(&self, good: usize, place: usize) -> Option<i64> {
        let w = &self.world;
        let i = place * w.n_goods + good;
        match *self.prices.get(i)? {
            0 => None,
            p => Some(p),
        }
    }

    /// What `qty` of a good comes to here in won, bought or sold now: her trade moves the
    /// price as it goes (see [`trade_won`]). None where the good is not traded.
    pub fn trade_total(&self, good: usize, place: usize, qty: u32, sell: bool) -> Option<i64> {
        let w = &self.world;
        let i = place * w.n_goods + good;
        match (*self.quotes.get(i)?, *self.flow.get(i)?) {
            (0, _) => None,
            (quote, flow) => Some(trade_won(quote, flow, qty, sell, w.depth[good])),
        }
    }

    /// Recomputes one place's price of a good after a trade there.
    pub fn move_price(&mut self, place: usize, good: usize) {
        let i = place * self.world.n_goods + good;
        if let (Some(&quote), Some(&flow), Some(price)) =
            (self.quotes.get(i), self.flow.get(i), self.prices.get_mut(i))
        {
            *price = if quote == 0 {
                0
            } else {
                moved_price(quote, flow, self.world.depth[good])
            };
        }
    }

    /// Today's price of every good at every place before her own trades move it: the
    /// dated price, the local spread (or a deal's), the day's noise.
    pub fn refresh_quotes(&mut self) {
        let w = &self.world;
        let n = w.n_goods;
        self.quotes.resize(w.n_places * n, 0);
        let base = &self.base;
        let quote = |good: usize, permille: i64, noise: i16| {
            (base[good] * permille / 1000 * (1000 + noise as i64) / 1000).max(1)
        };
        self.quotes.fill(0);
        for (good, places) in w.sold_at.iter().enumerate() {
            for &place in places {
                let i = place as usize * n + good;
                let local = w.local[place as usize][good];
                self.quotes[i] = quote(good, local as i64, self.noise[i]);
            }
        }
        // Today's deals replace the usual level where the good is traded.
        for d in self.deals.iter().filter(|d| d.day == self.day) {
            let i = d.place as usize * n + d.good as usize;
            if self.quotes.get(i).is_some_and(|&q| q != 0)
                && self
                    .deals
                    .iter()
                    .find(|e| e.day == self.day && e.good == d.good && e.place == d.place)
                    == Some(d)
            {
                self.quotes[i] = quote(d.good as usize, d.permille as i64, self.noise[i]);
            }
        }
        // Nothing traded yet today: the prices are the quotes.
        self.prices.clear();
        self.prices.extend_from_slice(&self.quotes);
    }

    pub fn risky_items(&self) -> usize {
        self.phone.items.iter().filter(|i| i.flags != 0).count()
    }

    pub fn market_open(&self) -> bool {
        (MARKET_OPEN..MARKET_CLOSE).contains(&self.minute)
    }
}

/// A quoted price after her own trades today: selling pushes it down, buying up, by a
/// tenth for each market depth of flow, within half and one and a half times the quote.
pub fn moved_price(quote: i64, flow: i32, depth: i64) -> i64 {
    if flow == 0 {
        return quote;
    }
    let impact = (1000 - 100 * flow as i64 / depth).clamp(500, 1500);
    (quote * impact / 1000).max(1)
}

/// What a whole trade of `qty` comes to when the price moves as she trades: each unit at
/// the price the units before it left, i.e. the price halfway through the trade. `flow`
/// is today's flow before it (selling adds, buying takes away).
pub fn trade_won(quote: i64, flow: i32, qty: u32, sell: bool, depth: i64) -> i64 {
    let half = qty as i64;
    let doubled = 2 * flow as i64 + if sell { half } else { -half };
    let impact = (1000 - 50 * doubled / depth).clamp(500, 1500);
    (quote * impact / 1000).max(1) * qty as i64
}
