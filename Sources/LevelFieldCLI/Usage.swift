/// The help text: `levelfield --help` and, for a usage error, the failing command's part.
package enum Usage {
    /// The whole help, or one command's.
    package static func text(for command: String?) -> String {
        switch command {
        case "build": return build
        case "check": return check
        case "summary": return summary
        default: return overview
        }
    }

    static let overview = """
    LevelField — recovery rates of NHS Talking Therapies services, against the flat target and
    against a deprivation-adjusted benchmark (Delgadillo et al. 2016).

    USAGE:
      levelfield build   [--outcomes FILE...] [--deprivation FILE...] [--out DIR] [options]
      levelfield check   FILE... [--area-level LEVEL] [--aggregate quarter] [--period-label LABEL]
      levelfield summary [--outcomes FILE...] [--deprivation FILE...] [--period LABEL] [--json]
      levelfield --help | --version
      levelfield help COMMAND

    With no --outcomes, build and summary use the embedded synthetic dataset in Data/.

    EXIT CODES: 0 ok, 64 usage error, 65 bad input data, 74 I/O error, 1 otherwise.
    """

    static let inputs = """
      --outcomes FILE...        outcome files: tidy CSV, NHS Digital annual, NHS England monthly
                                (detected from the header); repeatable, takes several files
      --deprivation FILE...     deprivation CSV(s): area_code + imd_rank/imd_score [+ period],
                                or MHCLG File 13 with an ONS↔ODS code lookup
      --area-level LEVEL        OrgType / GROUP_TYPE to read from NHS files
                                (default: the first of CCG, SubICB, ICB, Provider present)
      --period-label LABEL      period of an annual file whose name has no year
      --aggregate quarter       sum monthly files into financial-year quarters
    """

    static let analysis = """
      --period LABEL            analyse this period only (default: all; summary: the latest)
      --target [ID=]PERCENT,... flat standards: a bare PERCENT is recovery's (default 50);
                                e.g. recovery=50,reliable_improvement=67
      --confidence PERCENT      level of the adjusted benchmark's interval (default 95)
      --deprivation rank|score|casemix
                                the deprivation measure used as predictor (default rank;
                                casemix: the share of referrals from the two most deprived
                                deciles, from the NHS files' decile rows: no deprivation file)
      --overdispersion additive|multiplicative|none
                                the funnel limits' allowance for spread between areas
                                (default additive)
    """

    static let build = """
    USAGE: levelfield build [--outcomes FILE...] [--deprivation FILE...] [--out DIR] [options]

    Analyses every period and writes the site and the CSV downloads into DIR (default site/),
    replacing it only when everything succeeded.

    OPTIONS:
    \(inputs)
    \(analysis)
      --out DIR                 output folder, replaced whole (default site)
      --date YYYY-MM-DD         the "generated on" date (default SOURCE_DATE_EPOCH, else the
                                end of the latest period in the data; never the clock)
      --templates DIR           page templates (default the project's Templates/)
      --previous DIR|none       the previous output to compare with and carry the release
                                archive and feed from (default: --out when it holds a
                                LevelField output; none: start a new release history)
      --release ID              this release's id (default: the latest period's slug); the
                                previous release's id replaces it, an older one is refused
      --site-url URL            where the site will be published (http:// or https://); used in
                                the citation on every page and the feed's links and ids, and
                                recorded in manifest.json (without it the citation says
                                "<site URL>" and feed ids are tag: URIs)
    """

    static let check = """
    USAGE: levelfield check FILE... [--area-level LEVEL] [--aggregate quarter] [--period-label LABEL]

    Reads the files (outcomes and deprivation, told apart by their headers), prints rows, areas,
    periods and the data-quality ledger by reason, and changes nothing. Exit 0, or 65 on bad data.

    OPTIONS:
      --area-level LEVEL        OrgType / GROUP_TYPE to read from NHS files
      --period-label LABEL      period of an annual file whose name has no year
      --aggregate quarter       sum monthly files into financial-year quarters
    """

    static let summary = """
    USAGE: levelfield summary [--outcomes FILE...] [--deprivation FILE...] [--period LABEL]
                              [--indicator ID] [--json]

    Prints one period's analysis (default the latest): the model, how many areas fall below the
    flat target and below the adjusted benchmark, κ, χ², McNemar, and the areas whose verdict
    differs between the two.

    OPTIONS:
    \(inputs)
    \(analysis)
      --indicator ID            the indicator: recovery (default), reliable_recovery,
                                reliable_improvement, reliable_deterioration, wait_6_weeks,
                                wait_18_weeks
      --json                    print JSON instead of text
    """
}
