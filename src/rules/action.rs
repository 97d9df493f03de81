//! What the player can do ([`Action`]) and what the rules report back ([`Event`]).

use super::scenario::Currency;
use super::state::Ending;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Walk to a place: a neighbour by its route, a farther place by the quickest way,
    /// route by route (a stop on the way ends the walk there).
    Travel {
        to: u16,
    },
    Buy {
        good: u16,
        qty: u32,
        currency: Currency,
    },
    Sell {
        good: u16,
        qty: u32,
        currency: Currency,
    },
    /// Change money at a money changer.
    Exchange {
        from: Currency,
        to: Currency,
        amount: i64,
    },
    /// Call a contact: they tell today's prices where they are.
    Call {
        contact: u32,
    },
    /// Open an item (a message, a photo ...).
    Read {
        item: u32,
    },
    Delete {
        item: u32,
    },
    /// Rename a contact (what is typed goes through the phone's word filter).
    Rename {
        item: u32,
        name: String,
    },
    RemoveHeart {
        item: u32,
    },
    MoveToSd {
        item: u32,
    },
    MoveToInternal {
        item: u32,
    },
    HideSd,
    ShowSd,
    /// At the repair stall: wipe the screenshot log.
    RepairWipe,
    /// At the repair stall: re-sign a foreign file so that it is not deleted.
    RepairConvert {
        item: u32,
    },
    /// Information events: pass it on, or keep it (delete is [`Action::Delete`]).
    Forward {
        item: u32,
    },
    Keep {
        item: u32,
    },
    /// In an inspection: hand the phone over (after a search: accept what follows).
    HandOver,
    Talk,
    Bribe {
        currency: Currency,
        amount: i64,
    },
    Refuse,
    /// Replace a confiscated phone.
    BuyPhone {
        currency: Currency,
    },
    Wait {
        minutes: u16,
    },
    /// Go home (walking the quickest way) and close the day's ledger.
    EndDay,
    /// How the family eats from tonight on.
    SetMeals {
        meals: super::state::Meals,
    },
    /// The husband pays "8.3" and looks for day labour (true), or keeps his factory wage.
    SetWork {
        eight_three: bool,
    },
    /// Borrow from a lender at the market (won).
    Borrow {
        won: i64,
    },
    /// Pay back what she owes, as much as `won` (in won).
    Repay {
        won: i64,
    },
    /// Meet a request of the family (its index in the level).
    Meet {
        request: u16,
    },
    /// The night is over: the evening at home ends and the morning begins (its clock, not the
    /// evening's, moves on and stamps what the phone records).
    Morning,
}

/// Why an action was not carried out. The state is unchanged when this is returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reject {
    GameOver,
    /// The last evening: only the family's requests, then bed.
    DaysOver,
    InInspection,
    NotInInspection,
    NoRoute,
    NotTradedHere,
    MarketClosed,
    NotEnoughMoney,
    NotEnoughStock,
    BadAmount,
    NoChanger,
    NoPhone,
    HavePhone,
    NoSuchItem,
    NotAContact,
    NoPriceKnowledge,
    NoCredit,
    NotARepairStall,
    NotForeign,
    NothingPending,
    PhotosBlocked,
    SdHidden,
    AlreadyThere,
    AlreadyTalked,
    TooLate,
    BadName,
    /// A rename to the name it already has.
    SameName,
    NoHeart,
    NotAFile,
    SameCurrency,
    NotAMarket,
    TooHeavy,
    /// No lender here, more than a lender gives, or nothing owed.
    NoLender,
    TooMuchDebt,
    NothingOwed,
    /// The request is not open (not arrived, met or missed already).
    NotOpen,
}

/// Which step of the consequence ladder an inspection ended on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Consequence {
    Warning,
    ForcedDeletion,
    Confiscation,
    Fine,
    CriticismSession,
    Arrest,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Rejected(Reject),
    DayStarted {
        day: u16,
    },
    MessageArrived {
        item: u32,
        message: u16,
    },
    InfoArrived {
        item: u32,
        event: u16,
    },
    /// A price went into the notebook (a tip).
    PriceLearned {
        good: u16,
        place: u16,
        won: i64,
    },
    /// Every price at a place went into the notebook (seen there or told by phone).
    PricesSeen {
        place: u16,
    },
    Arrived {
        place: u16,
        minutes: u16,
    },
    Bought {
        good: u16,
        qty: u32,
        currency: Currency,
        paid: i64,
    },
    Sold {
        good: u16,
        qty: u32,
        currency: Currency,
        got: i64,
    },
    StallFee {
        won: i64,
    },
    ChasedOff {
        good: u16,
        lost: u32,
    },
    Exchanged {
        from: Currency,
        to: Currency,
        paid: i64,
        got: i64,
    },
    Called {
        contact: u32,
        place: u16,
    },
    Deleted {
        item: u32,
    },
    Renamed {
        item: u32,
    },
    /// The phone replaced a word as it was typed.
    WordReplaced {
        item: u32,
    },
    HeartRemoved {
        item: u32,
    },
    Moved {
        item: u32,
    },
    SdHidden(bool),
    /// The phone deleted an unsigned file by itself.
    AutoDeleted {
        item: u32,
    },
    /// The phone took a screenshot into its hidden folder.
    Screenshot {
        index: u32,
    },
    TraceWiped {
        shots: u32,
        won: i64,
    },
    Converted {
        item: u32,
        won: i64,
    },
    /// The technician told someone.
    Informed,
    Forwarded {
        item: u32,
        trust: i32,
    },
    Kept {
        item: u32,
    },
    DealOffered {
        good: u16,
        place: u16,
        permille: u32,
    },
    Stopped {
        inspector: u16,
        place: u16,
    },
    Searched {
        items: Box<[u32]>,
        shots: Box<[u32]>,
        severity: u8,
    },
    HiddenSdFound,
    /// A friend came for the goods she asked her to keep: paid `won`, or (0) missed.
    AskAnswered {
        message: u16,
        met: bool,
        won: i64,
    },
    PasswordCracked,
    Excuse {
        accepted: bool,
        /// Made after the search: it softens what follows by a step; before it, it
        /// sends them away.
        searched: bool,
    },
    BribeAccepted {
        currency: Currency,
        amount: i64,
    },
    BribeRefused {
        currency: Currency,
        amount: i64,
    },
    /// A greedy inspector hints at "tea money" from a clean phone.
    BribeDemanded {
        won: i64,
    },
    Released,
    Consequence(Consequence),
    ItemsConfiscated {
        count: u32,
    },
    FinePaid {
        won: i64,
    },
    CriticismSession {
        days: u16,
    },
    PhoneBought {
        currency: Currency,
        paid: i64,
    },
    WalkedHome,
    Curfew,
    /// (Boxed: the ledger is large and every other event is small.)
    Evening {
        ledger: Box<super::state::Ledger>,
    },
    DaysLost {
        days: u16,
    },
    /// A request of the family arrived, was met, or was missed (its deadline passed).
    RequestArrived {
        request: u16,
    },
    RequestMet {
        request: u16,
    },
    RequestMissed {
        request: u16,
    },
    /// A child fell sick with hunger; the medicine was bought and the child got better.
    ChildSick,
    ChildBetter,
    /// A family photo or video she deleted is missed at home.
    MemoryMissed {
        item: u32,
        /// What it was (the item itself is gone).
        spec: u16,
    },
    Borrowed {
        won: i64,
    },
    Repaid {
        won: i64,
    },
    Ended(Ending),
}
