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
