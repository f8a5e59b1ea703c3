/// The bounds deprivation values are checked against (SPEC §1.2, issue 12).
enum DeprivationValues {
    /// The largest IMD rank any published English ranking allows: the English Indices of
    /// Deprivation 2025 rank 33,755 LSOAs (2021 boundaries), the most units any IMD release has
    /// ranked (IoD 2019 and 2015: 32,844). Every summary (CCG, ICB, local authority) ranks fewer
    /// areas, so a larger rank cannot come from a published ranking.
    static let maximumRank = 33_755
}
