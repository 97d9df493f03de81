//! What a level puts on her phone and sends to it: items and their risks, messages, tips,
//! news.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum ItemKind {
    Contact,
    Thread,
    Photo,
    Video,
    File,
    App,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum Storage {
    Internal,
    Sd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum Origin {
    /// Made on this phone (self-signed with the device id [83]).
    Own,
    /// Signed by the state: opens anywhere.
    StateSigned,
    /// Unsigned, from outside: deleted automatically [87].
    Foreign,
    /// A foreign file re-signed by a repair-stall tool [91]: it survives, its content
    /// does not change.
    Converted,
}

/// What makes an item evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum Flag {
    /// "오빠" for a man who is not a brother [95][121].
    Oppa,
    /// A heart next to a name [95].
    Heart,
    /// South Korean style words: 자기야, 화이팅 ... [94][121].
    SouthStyle,
    /// News of forbidden events [167].
    ForbiddenNews,
    /// A Kim-family portrait in the frame of a home video (founding testimony).
    Portrait,
    /// South Korean films, dramas, songs, photos: a case under the 2020 law [118][119].
    ForeignMedia,
    /// Foreign but not South Korean: a Chinese film, song or file. Sources report
    /// confiscation and a fine, or "prison or 2,000 yuan" [108][111], not the 2020 law's
    /// 5–15 years.
    Foreign,
}

impl Flag {
    /// The words for it, a key in the interface's strings.
    pub fn key(self) -> &'static str {
        match self {
            Flag::Oppa => "flag.oppa",
            Flag::Heart => "flag.heart",
            Flag::SouthStyle => "flag.south_style",
            Flag::ForbiddenNews => "flag.forbidden_news",
            Flag::Portrait => "flag.portrait",
            Flag::ForeignMedia => "flag.foreign_media",
            Flag::Foreign => "flag.foreign",
        }
    }

    pub const ALL: [Flag; 7] = [
        Flag::Oppa,
        Flag::Heart,
        Flag::SouthStyle,
        Flag::ForbiddenNews,
        Flag::Portrait,
        Flag::ForeignMedia,
        Flag::Foreign,
    ];

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// How grave a finding is: 1 petty, 2 political or foreign, 3 sacrilege, 4 a case
    /// under the 2020 law.
    pub fn severity(self) -> u8 {
        match self {
            Flag::Oppa | Flag::Heart | Flag::SouthStyle => 1,
            Flag::ForbiddenNews | Flag::Foreign => 2,
            Flag::Portrait => 3,
            Flag::ForeignMedia => 4,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    pub id: String,
    pub kind: ItemKind,
    pub name: Text,
    #[serde(default)]
    pub body: Text,
    /// The body under gentle intensity, where `body` describes harm (it names it instead).
    #[serde(default)]
    pub gentle: Option<Text>,
    #[serde(default = "internal")]
    pub storage: Storage,
    #[serde(default = "own")]
    pub origin: Origin,
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// 0..10: how much the business needs it.
    #[serde(default)]
    pub business: u8,
    /// 0..10: how much it means to the family.
    #[serde(default)]
    pub sentimental: u8,
    /// For contacts: the place whose prices this person can tell you by phone.
    #[serde(default)]
    pub knows: Option<String>,
    /// For contacts: a relative (calling them "오빠" is allowed).
    #[serde(default)]
    pub relative: bool,
    /// For contacts: the photo beside the name (a kind of portrait).
    #[serde(default)]
    pub face: Face,
    /// For the family's photos and videos: who at home it belongs to (an index into the
    /// family's members), who looks for it the evening it is deleted.
    #[serde(default)]
    pub of: Option<u8>,
}

impl ItemSpec {
    /// The body as the player's intensity shows it.
    pub fn body_for(&self, gentle: bool) -> &Text {
        match &self.gentle {
            Some(g) if gentle => g,
            _ => &self.body,
        }
    }
}

fn internal() -> Storage {
    Storage::Internal
}
fn own() -> Origin {
    Origin::Own
}

/// A scripted text that arrives in the morning of `day` (1 = first day).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub id: String,
    pub day: u32,
    /// Contact id of the sender.
    pub from: String,
    pub text: Text,
    /// The text under gentle intensity, where `text` describes harm.
    #[serde(default)]
    pub gentle: Option<Text>,
    /// A price at a place for that day (per mille of the dated price).
    #[serde(default)]
    pub tip: Option<Tip>,
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// An attachment that lands on the phone (subject to the phone's own rules).
    #[serde(default)]
    pub attachment: Option<ItemSpec>,
    /// Goods a friend asked her to keep, collected the day this message arrives: paid for
    /// if she still has them, missed if not.
    #[serde(default)]
    pub ask: Option<Ask>,
    /// The fact card the message shows when it arrives (what it takes for granted).
    #[serde(default)]
    pub fact: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    pub good: String,
    pub kg: u32,
    /// What the friend pays, per mille of the day's dated price.
    pub pays_permille: u32,
    /// What happens, in words, when she had them and when she did not.
    pub met: Text,
    pub missed: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub good: String,
    pub place: String,
    pub permille: u32,
}

/// News that arrives by text and asks for a choice: forward, keep or delete.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoEvent {
    pub id: String,
    pub day: u32,
    pub from: String,
    pub text: Text,
    /// The text under gentle intensity, where `text` describes harm.
    #[serde(default)]
    pub gentle: Option<Text>,
    pub flags: Vec<Flag>,
    /// Trust gained with the trading network by forwarding it.
    pub forward_trust: i32,
    /// A deal that forwarding earns: a supplier's price (per mille) for a good at a place,
    /// for the next day.
    #[serde(default)]
    pub forward_deal: Option<Tip>,
    /// Added to the street-stop chance (per mille) for the rest of the game if forwarded:
    /// someone in the chain talks.
    pub forward_risk_permille: u32,
    #[serde(default)]
    pub fact: Option<String>,
}
