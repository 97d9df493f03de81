//! A level's string ids, indexed once: the checks ask whether an id exists, the resolved
//! [`super::World`] asks for its index. Both use this table.

use crate::rules::scenario::{ItemKind, Level};
use std::collections::HashMap;

pub(super) struct Ids<'a> {
    pub places: HashMap<&'a str, usize>,
    pub goods: HashMap<&'a str, usize>,
    pub inspectors: HashMap<&'a str, usize>,
    /// The starting phone's items (contacts among them).
    pub items: HashMap<&'a str, usize>,
    lv: &'a Level,
}

fn index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut m = HashMap::new();
    for (i, id) in ids.enumerate() {
        // The first of a duplicated id wins (the checks report the duplicate).
        m.entry(id).or_insert(i);
    }
    m
}

impl<'a> Ids<'a> {
    pub fn new(lv: &'a Level) -> Ids<'a> {
        Ids {
            places: index(lv.places.iter().map(|p| p.id.as_str())),
            goods: index(lv.goods.iter().map(|g| g.id.as_str())),
            inspectors: index(lv.inspectors.iter().map(|i| i.id.as_str())),
            items: index(lv.phone.iter().map(|i| i.id.as_str())),
            lv,
        }
    }

    pub fn place(&self, id: &str) -> Result<u16, String> {
        self.places
            .get(id)
            .map(|&i| i as u16)
            .ok_or_else(|| format!("unknown place `{id}`"))
    }

    pub fn good(&self, id: &str) -> Result<u16, String> {
        self.goods
            .get(id)
            .map(|&i| i as u16)
            .ok_or_else(|| format!("unknown good `{id}`"))
    }

    pub fn inspector(&self, id: &str) -> Result<u16, String> {
        self.inspectors
            .get(id)
            .map(|&i| i as u16)
            .ok_or_else(|| format!("unknown inspector `{id}`"))
    }

    /// The index in `phone` of a contact.
    pub fn contact(&self, id: &str) -> Result<usize, String> {
        match self.items.get(id) {
            Some(&i) if self.lv.phone[i].kind == ItemKind::Contact => Ok(i),
            _ => Err(format!("unknown contact `{id}`")),
        }
    }
}
