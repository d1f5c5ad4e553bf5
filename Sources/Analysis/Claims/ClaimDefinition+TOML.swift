import Catalog

extension ClaimDefinition {
    /// The claims shipped with the tool (`Resources/claims.toml`). A broken resource is an internal failure.
    public static let standard: [ClaimDefinition] = {
        do { return try read(text: Catalog.builtInClaimsText(), file: "claims.toml") } catch {
            fatalError("tokenomics: the built-in claims are broken: \(error)")
        }
    }()

    static let commonKeys = ["id", "kind", "text", "source", "published", "condition", "notes", "also"]
    static let kindKeys: [Kind: [String]] = [
        .ratio: ["model", "scenario", "metric", "numerator", "denominator", "interactivity", "at_least", "search",
                 "between_best_points", "show", "lever"],
        .best: ["model", "scenario", "part"],
        .roi: [],
    ]

    /// The claims of a claims file's `text`; errors name `file`, the key, the bad value and what is
    /// allowed. GPUs, models and precisions are checked against `catalog`.
    public static func read(text: String, file: String, catalog: Catalog = .standard) throws(InputError) -> [ClaimDefinition] {
        let root = try TOMLFields(text: text, file: file)
        try root.rejectUnknownKeys(allowed: ["claim"])
        var claims: [ClaimDefinition] = []
        for fields in try root.tableArray("claim") {
            let claim = try read(fields, catalog: catalog)
            guard !claims.contains(where: { $0.id == claim.id }) else {
                throw fields.error("id", "duplicate claim id", value: "\(claim.id)", allowed: "one claim per id")
            }
            claims.append(claim)
        }
        guard !claims.isEmpty else { throw root.error("claim", "no claims ([[claim]] tables)") }
        return claims
    }

    static func read(_ fields: TOMLFields, catalog: Catalog) throws(InputError) -> ClaimDefinition {
        let kindName = try fields.string("kind")
        guard let kind = Kind(rawValue: kindName) else {
            throw fields.error("kind", "unknown claim kind", value: kindName, allowed: Kind.allCases.map(\.rawValue).listed)
        }
        try fields.rejectUnknownKeys(allowed: commonKeys + (kindKeys[kind] ?? []))
        let scope = try PointSelection(model: fields.optionalString("model"), scenario: fields.optionalString("scenario"))
        try scope.check(fields, catalog: catalog)
        let test: Test
        switch kind {
        case .ratio: test = .ratio(try RatioTest(fields, scope: scope, catalog: catalog))
        case .best:
            let parts = try fields.tableArray("part")
            guard !parts.isEmpty else { throw fields.error("part", "a best claim needs at least one [[claim.part]]") }
            var readings: [Reading] = []
            for part in parts { readings.append(try Reading(part, scope: scope, bounded: true, catalog: catalog)) }
            test = .best(readings)
        case .roi: test = .roi
        }
        var also: [Reading] = []
        if fields.has("also") {
            for item in try fields.tableArray("also") { also.append(try Reading(item, scope: scope, bounded: false, catalog: catalog)) }
        }
        return ClaimDefinition(id: try fields.int("id"), text: try fields.string("text"), source: try fields.string("source"),
                               published: try fields.string("published"), condition: try fields.optionalString("condition"),
                               notes: try fields.optionalString("notes"), test: test, also: also)
    }
}

extension PointSelection {
    /// Keys of a selection in a claims file, beside a claim's own model and scenario.
    static let selectionKeys = ["hw", "precision", "framework", "tp", "disaggregated"]

    /// The selection keys of `fields` (model and scenario excepted).
    init(_ fields: TOMLFields, catalog: Catalog) throws(InputError) {
        self.init(hw: try fields.optionalString("hw"), precision: try fields.optionalString("precision"),
                  framework: try fields.optionalString("framework"),
                  tp: fields.has("tp") ? try fields.int("tp") : nil,
                  disaggregated: fields.has("disaggregated") ? try fields.bool("disaggregated") : nil)
        try check(fields, catalog: catalog)
    }

    /// Fails on a GPU, model, precision or framework the catalog does not know.
    func check(_ fields: TOMLFields, catalog: Catalog) throws(InputError) {
        let known: [(key: String, value: String?, problem: String, allowed: [String])] = [
            ("hw", hw, "unknown GPU", Array(catalog.gpus.keys)),
            ("model", model, "unknown model", Array(catalog.models.keys)),
            ("precision", precision, "unknown precision", catalog.precisions.knownLabels),
            ("framework", framework, "unknown framework", catalog.frameworks.known),
        ]
        for check in known {
            if let value = check.value, !check.allowed.contains(value) {
                throw fields.error(check.key, check.problem, value: value, allowed: check.allowed.listed)
            }
        }
    }
}

extension Reading {
    /// A `[[claim.part]]` (`bounded`: with at_least or at_most) or a `[[claim.also]]`.
    init(_ fields: TOMLFields, scope: PointSelection, bounded: Bool, catalog: Catalog) throws(InputError) {
        let keys = ["name", "metric", "model", "scenario"] + PointSelection.selectionKeys
        try fields.rejectUnknownKeys(allowed: bounded ? keys + ["at_least", "at_most", "if_short"] : keys)
        var selection = try PointSelection(fields, catalog: catalog)
        selection.model = try fields.optionalString("model")
        selection.scenario = try fields.optionalString("scenario")
        try selection.check(fields, catalog: catalog)
        name = try fields.string("name")
        metric = try Metric.named(try fields.string("metric"), in: fields)
        self.selection = selection.filling(scope)
        ifShort = try fields.optionalString("if_short")
        switch (try fields.optionalDouble("at_least"), try fields.optionalDouble("at_most")) {
        case let (least?, nil): bound = .atLeast(least)
        case let (nil, most?): bound = .atMost(most)
        case (nil, nil) where !bounded: bound = nil
        default: throw fields.error("at_least", "a part needs exactly one of at_least and at_most")
        }
    }
}

extension RatioTest {
    init(_ fields: TOMLFields, scope: PointSelection, catalog: Catalog) throws(InputError) {
        model = scope.model
        scenario = scope.scenario
        metric = try Metric.named(try fields.string("metric"), in: fields)
        func side(_ key: String) throws(InputError) -> PointSelection {
            let table = try fields.table(key)
            try table.rejectUnknownKeys(allowed: PointSelection.selectionKeys)
            return try PointSelection(table, catalog: catalog)
        }
        numerator = try side("numerator")
        denominator = try side("denominator")
        if let word = try? fields.string("interactivity") {
            guard word == "middle" else {
                throw fields.error("interactivity", "expected a level", value: word, allowed: "a number of tok/s/user, or \"middle\"")
            }
            level = .middle
        } else {
            let x = try fields.double("interactivity")
            guard x > 0 else { throw fields.error("interactivity", "must be positive", value: "\(x)", allowed: "tok/s/user > 0") }
            level = .at(x)
        }
        atLeast = try fields.double("at_least")
        guard atLeast > 0 else { throw fields.error("at_least", "must be positive", value: "\(atLeast)", allowed: "a ratio > 0") }
        search = fields.has("search") ? try fields.bool("search") : false
        betweenBestPoints = fields.has("between_best_points") ? try fields.bool("between_best_points") : false
        let show = try fields.optionalString("show") ?? Display.multiple.rawValue
        guard let display = Display(rawValue: show) else {
            throw fields.error("show", "unknown display", value: show, allowed: Display.allCases.map(\.rawValue).listed)
        }
        self.display = display
        lever = try Self.lever(fields, metric: metric, numerator: numerator, denominator: denominator)
    }

    /// The `lever` key: a known figure, one the metric is derived from, on two named GPUs.
    static func lever(_ fields: TOMLFields, metric: Metric, numerator: PointSelection,
                      denominator: PointSelection) throws(InputError) -> Lever? {
        guard let name = try fields.optionalString("lever") else { return nil }
        guard let lever = Lever(rawValue: name) else {
            throw fields.error("lever", "unknown lever", value: name, allowed: Lever.allCases.map(\.rawValue).listed)
        }
        guard lever.metricUnits.contains(metric.unit) else {
            let fitting = Metric.all.filter { lever.metricUnits.contains($0.unit) }.map(\.name)
            throw fields.error("lever", "metric '\(metric.name)' does not derive from", value: name,
                               allowed: "\(name) with metrics \(fitting.listed)")
        }
        guard numerator.hw != nil, denominator.hw != nil else {
            throw fields.error("lever", "needs a GPU (hw) in both numerator and denominator", value: name)
        }
        return lever
    }
}

extension Metric {
    /// The metric named by `fields`' `metric` key, or an error naming the key and every metric.
    static func named(_ name: String, in fields: TOMLFields) throws(InputError) -> Metric {
        guard let metric = named(name) else {
            throw fields.error("metric", "unknown metric", value: name, allowed: names.listed)
        }
        return metric
    }
}
