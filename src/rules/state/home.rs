//! The household in the state: how the family ate, what it eats tomorrow, loans, the
//! family's requests, and the record of the game kept for the report.

use super::*;

/// How the family ate one evening.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Meal {
    #[default]
    Fed,
    /// Two meals, or porridge.
    AteLittle,
    WentWithout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meals {
    pub grain: Grain,
    pub count: u8,
}

impl Default for Meals {
    fn default() -> Self {
        Meals {
            grain: Grain::Corn,
            count: 3,
        }
    }
}

/// A private loan: what she owes now and the day it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loan {
    pub owed: i64,
    pub due: u16,
}

/// The household in play: the meal plan, the husband's choice, loans, hunger, a sick child
/// and the family's requests (met or not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Home {
    pub meals: Meals,
    /// The husband pays "8.3" and looks for day labour instead of his factory wage.
    pub eight_three: bool,
    pub loans: Vec<Loan>,
    pub hunger: u32,
    pub sick: bool,
    /// Requests open (arrived, not met, not missed): their index in the level.
    pub open: Vec<u16>,
    /// Requests met and missed, by index.
    pub met: Vec<u16>,
    pub missed: Vec<u16>,
}

impl Home {
    pub fn debt(&self) -> i64 {
        self.loans.iter().map(|l| l.owed).sum()
    }
}

/// Counters for the debrief, the session report and the simulator: counted once, here, by
/// the rules. (The report's JSON names of three of them are older than this struct.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    pub inspections: u32,
    /// Inspections that found something.
    pub caught: u32,
    pub bribes_paid_won: i64,
    pub bribes_offered: u32,
    pub bribes_refused: u32,
    pub fines_won: i64,
    pub items_confiscated: u32,
    pub phones_lost: u32,
    pub criticisms: u32,
    pub warnings: u32,
    /// Evenings the family went without (the "hungry evenings" everywhere).
    pub hungry_days: u32,
    /// Evenings the family ate properly, and evenings on fewer meals or porridge: with
    /// `hungry_days`, every evening counted once, in one of three.
    pub evenings_fed: u32,
    pub evenings_meagre: u32,
    /// News forwarded to her network.
    #[serde(rename = "news_forwarded")]
    pub forwarded: u32,
    /// Items she deleted (news among them).
    #[serde(rename = "deleted_by_her")]
    pub deleted: u32,
    #[serde(rename = "deleted_by_phone")]
    pub auto_deleted: u32,
    /// News she chose to keep, and news she deleted unanswered.
    pub news_kept: u32,
    pub news_deleted: u32,
    pub words_replaced: u32,
    pub informed_on: u32,
    /// Times she paid the repair stall to wipe the screenshot log.
    pub trace_wipes: u32,
    /// Evenings on fewer meals or porridge or none (meagre and hungry together); days a child
    /// missed school; family photos and videos she deleted; loans taken; the family's
    /// requests she met, and those she did not (past their day, or still open when the
    /// days ran out).
    pub meals_skipped: u32,
    pub school_missed: u32,
    pub memories_deleted: u32,
    pub loans: u32,
    pub requests_missed: u32,
    pub requests_met: u32,
    /// Times a child fell ill (two meagre evenings in a row, or one without food).
    #[serde(default)]
    pub illnesses: u32,
}

/// The family's evenings and requests, as every screen, report and table shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FamilyCount {
    pub fed: u32,
    pub meagre: u32,
    pub hungry: u32,
    pub met: u32,
    pub not_met: u32,
}

impl Record {
    /// The family's evenings (fed / meagre / hungry) and requests (met / not met).
    pub fn family(&self) -> FamilyCount {
        FamilyCount {
            fed: self.evenings_fed,
            meagre: self.evenings_meagre,
            hungry: self.hungry_days,
            met: self.requests_met,
            not_met: self.requests_missed,
        }
    }
}

impl FamilyCount {
    pub fn evenings(&self) -> u32 {
        self.fed + self.meagre + self.hungry
    }

    /// Every evening fed properly.
    pub fn always_fed(&self) -> bool {
        self.meagre == 0 && self.hungry == 0
    }
}
