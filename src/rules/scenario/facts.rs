//! The fact cards and their sources (`levels/facts.ron`).

use super::*;

/// The facts catalog (`levels/facts.ron`): sources and fact cards.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactCatalog {
    pub sources: Vec<Source>,
    pub cards: Vec<FactCard>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: u32,
    /// The publication, in each language (a Korean outlet by its Korean name).
    pub outlet: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactCard {
    pub id: String,
    pub title: Text,
    pub text: Text,
    /// Title and text under gentle intensity, where the card describes harm: they name
    /// what happened without describing it.
    #[serde(default)]
    pub gentle_title: Option<Text>,
    #[serde(default)]
    pub gentle: Option<Text>,
    /// Number of the source in research/facts.md (and in `sources` above).
    #[serde(default)]
    pub source: Option<u32>,
    /// ⚠ in facts.md: shown as "reported".
    #[serde(default)]
    pub reported: bool,
    /// The day the fact is of, where it is a dated one: the card is not shown in a game
    /// before that day (a price of 26 May is not news on 25 April; issue 31, point 18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The card's questions for the class's check, one in each form (`crate::check`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<CheckQuestion>,
}

/// One of the check's two parallel forms: half of a class answers A before the game and B
/// after it, the other half the reverse (`crate::check::first_form`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Form {
    A,
    B,
}

impl Form {
    pub fn other(self) -> Form {
        match self {
            Form::A => Form::B,
            Form::B => Form::A,
        }
    }

    pub fn letter(self) -> char {
        match self {
            Form::A => 'a',
            Form::B => 'b',
        }
    }
}

/// A question on a fact card: the student picks one of four `options` (or "not sure");
/// `right` is the one the card supports. After the game the card and its source are shown.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckQuestion {
    pub form: Form,
    pub ask: Text,
    pub options: Vec<Text>,
    /// Index into `options` (from 0) of the answer the card gives.
    pub right: usize,
    /// Index of the option a student guessing by drama would pick (the harshest, the
    /// biggest number, the most sinister): a test keeps the right answer from being that
    /// one more often than chance allows.
    pub dramatic: usize,
}

impl FactCard {
    /// Title and text as the player's intensity shows them.
    pub fn shown(&self, gentle: bool) -> (&Text, &Text) {
        if gentle {
            (
                self.gentle_title.as_ref().unwrap_or(&self.title),
                self.gentle.as_ref().unwrap_or(&self.text),
            )
        } else {
            (&self.title, &self.text)
        }
    }
}
