import Catalog
import Foundation

/// `tokenomics calibrate`: fits the software constants of each engine × GPU family to measured
/// points (`CellFit`), and of each model on it where it was measured on several (about the
/// engine × family's fit), and measures how well the fit carries over by leaving each measured
/// group out in turn, fitting without it and predicting it.
public struct Calibrator: Sendable {
    public var catalog: Catalog
    public var settings = CalibrationProfile.Settings(observation_error: 0.10, ttft_error: 0.25, group_correlation: 0.2,
                                                      outlier_scale: 2)
    /// The constants every cell fits; nil: as many as each cell's measurements support (one for
    /// every two measured values), in `FittedConstant.all`'s order.
    public var constants: [FittedConstant]?
    /// Also fit each cell without each of its groups and predict the group left out.
    public var holdOut = true
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Called with a line after each cell (the command prints it on a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(catalog: Catalog = .standard) { self.catalog = catalog }

    /// The profile, and the points left out with the reason: those no configuration could emulate,
    /// and runs whose throughput their own latency cannot account for (`Observation.inconsistency`).
    public struct Outcome: Sendable {
        public var profile: CalibrationProfile
        public var leftOut: [(observation: Observation, reason: String)]
    }

    /// Fits every cell the observations touch. Too few measured values for the constants asked,
    /// a fit that does not converge or puts a constant on its bound: an error, and no profile.
    public func calibrate(_ observations: [Observation], inputs: [CalibrationProfile.Input],
                          tool: String) throws(InputError) -> Outcome {
        var leftOut: [(Observation, String)] = [], sound: [Observation] = []
        for o in observations {
            if let inconsistency = o.inconsistency { leftOut.append((o, inconsistency)) } else { sound.append(o) }
        }
        let documented = Predictor.predict(sound, catalog: catalog)
        var byCell: [Cell: [Observation]] = [:], documentedByCell: [Cell: [Prediction]] = [:]
        for (o, p) in zip(sound, documented) {
            guard p.tput != nil else {
                leftOut.append((o, p.note ?? "not emulated"))
                continue
            }
            let cell = try o.cell(in: catalog)
            byCell[cell, default: []].append(o)
            documentedByCell[cell, default: []].append(p)
        }
        var cells: [CalibrationProfile.Cell] = []
        for cell in byCell.keys.sorted() {
            let start = Date()
            let fitted = try calibrate(cell, byCell[cell]!, documented: documentedByCell[cell]!)
            cells += fitted
            progress?("\(cell): \(fitted[0].iterations) iterations, \(fitted.count - 1) models of their own, "
                      + "\(Int(Date().timeIntervalSince(start))) s")
        }
        return Outcome(profile: CalibrationProfile(tool: tool, settings: settings, inputs: inputs, cells: cells), leftOut: leftOut)
    }

    /// The fit of one cell, then of each of its models where it holds several (the engine ×
    /// family's record first), with the residuals of the layered constants and the held-out
    /// errors; `documented`: each observation's prediction under the constants the cell inherits.
    func calibrate(_ cell: Cell, _ observations: [Observation],
                   documented: [Prediction]) throws(InputError) -> [CalibrationProfile.Cell] {
        let memo = PredictionMemo()
        let fit = CellFit(cell, observations: observations, constants: try constants(for: cell, observations), catalog: catalog,
                          settings: settings, memo: memo)
        // The fit starts at the documented values, where every point was just predicted.
        if fit.startsAtDocumented { memo[fit.start] = documented }
        let solution = fit.solve(workers: workers)
        try check(solution, of: fit)
        let values = fit.values(solution.u).mapValues { $0.rounded(significantDigits: 4) }
        var layered = fit.catalog(values)
        var ownFits: [(CellFit, BoundedLeastSquares.Solution, [String: Double])] = []
        let models = Self.models(observations)
        for model in models where models.count > 1 {
            guard let (own, ownSolution) = modelFit(cell.of(model), observations, in: layered, about: values) else { continue }
            try check(ownSolution, of: own)
            let ownValues = own.values(ownSolution.u).mapValues { $0.rounded(significantDigits: 4) }
            layered.frameworks = layered.frameworks.setting(ownValues, of: cell.framework, on: cell.family, model: model)
            ownFits.append((own, ownSolution, ownValues))
        }
        let residuals = PointErrors.byGroup(observations, Predictor(observations).predict(under: [layered], workers: workers)[0])
        let heldOut = holdOut ? self.heldOut(cell, observations, groups: Self.groups(observations), documented: documented,
                                             memo: memo) : []
        let ownRecords = ownFits.map { own, ownSolution, ownValues in
            let groups = Set(own.observations.map(\.group))
            return record(own, ownSolution, values: ownValues, residuals: residuals.filter { groups.contains($0.group) }, heldOut: [])
        }
        return [record(fit, solution, values: values, residuals: residuals, heldOut: heldOut)] + ownRecords
    }

    /// The profile's record of a fit: its constants, their priors and uncertainties, residuals and
    /// held-out errors.
    func record(_ fit: CellFit, _ solution: BoundedLeastSquares.Solution, values: [String: Double],
                residuals: [CalibrationProfile.GroupError], heldOut: [CalibrationProfile.GroupError]) -> CalibrationProfile.Cell {
        var uncertainty: [String: Double] = [:], prior: [String: Double] = [:]
        for (k, constant) in fit.constants.enumerated() {
            prior[constant.key] = fit.documented[constant.key]
            if solution.covariance.indices.contains(k) {
                uncertainty[constant.key] = solution.covariance[k][k].squareRoot().rounded(significantDigits: 3)
            }
        }
        return CalibrationProfile.Cell(
            framework: fit.cell.framework, family: fit.cell.family, points: fit.observations.count, groups: Self.groups(fit.observations),
            iterations: solution.iterations, constants: values, prior: prior, uncertainty: uncertainty, residuals: residuals,
            held_out: heldOut, expected_error: CalibrationProfile.ExpectedError(heldOut), model: fit.cell.model)
    }

    /// The fit of `cell`'s model alone on its points among `observations`, in `catalog` as the
    /// engine × family's fit left it and centred on that fit's `values`; nil where its points
    /// support no constant (the model keeps the engine × family's).
    func modelFit(_ cell: Cell, _ observations: [Observation], in catalog: Catalog,
                  about values: [String: Double]) -> (CellFit, BoundedLeastSquares.Solution)? {
        let own = observations.filter { $0.model == cell.model }
        let fitted = Self.supported(by: own, among: constants ?? FittedConstant.all)
        guard !fitted.isEmpty else { return nil }
        let centre = (catalog.documentedConstants(cell.framework, on: cell.family) ?? [:]).merging(values) { $1 }
        let fit = CellFit(cell, observations: own, constants: fitted, catalog: catalog, settings: settings, centre: centre)
        return (fit, fit.solve(workers: workers))
    }

    /// The constants to fit in `cell`: those asked for, if its measurements support them, else
    /// as many as they support.
    func constants(for cell: Cell, _ observations: [Observation]) throws(InputError) -> [FittedConstant] {
        guard let asked = constants else { return Self.supported(by: observations) }
        let values = observations.reduce(0) { $0 + $1.valueCount }, groups = Self.groups(observations)
        if let ttftOnly = asked.first(where: { $0.needsTTFT }), !observations.contains(where: { $0.ttft != nil }) {
            throw InputError(key: "constants", value: ttftOnly.key,
                             problem: "\(cell) (groups \(groups.joined(separator: "; "))) has no measured TTFT to fit")
        }
        guard values >= 2 * asked.count else {
            throw InputError(key: "constants", value: asked.map(\.key).joined(separator: ","),
                             problem: "\(cell) (groups \(groups.joined(separator: "; "))) has \(observations.count) points, "
                                 + "\(values) measured values, for \(asked.count) constants, which need at least \(2 * asked.count)")
        }
        return asked
    }

    /// As many constants of `list` as `observations` support: one for every two measured values,
    /// those that show in TTFT alone only where TTFT was measured.
    static func supported(by observations: [Observation], among list: [FittedConstant] = FittedConstant.all) -> [FittedConstant] {
        let values = observations.reduce(0) { $0 + $1.valueCount }
        let hasTTFT = observations.contains { $0.ttft != nil }
        return Array(list.filter { !$0.needsTTFT || hasTTFT }.prefix(values / 2))
    }

    /// Fails when the fit did not converge or left a constant on a bound.
    func check(_ solution: BoundedLeastSquares.Solution, of fit: CellFit) throws(InputError) {
        guard solution.converged else {
            throw InputError(problem: "the fit of \(fit.cell) did not converge in \(solution.iterations) iterations; no profile written")
        }
        for (k, bound) in fit.solver.atBound(solution.u).enumerated() where bound {
            let c = fit.constants[k]
            throw InputError(key: c.key, value: "\(exp(solution.u[k]).rounded(significantDigits: 4))",
                             problem: "the fit of \(fit.cell) puts the constant on its bound; no profile written; value",
                             allowed: "\(c.lower)…\(c.upper)")
        }
    }

    /// Each group of the cell fitted without it and predicted: its errors. A cell's only group,
    /// left out, leaves nothing to fit: it is predicted by the constants the cell inherits (the
    /// documented layers: runtime, engine, engine × family), as a pair never measured would be.
    /// Where the cell holds several models, the group's model is then fitted on its other groups,
    /// as the full calibration fits it; a model with no other group, or whose other groups support
    /// no constant or leave a fit that does not converge or ends on a bound, is predicted by the
    /// engine × family's fit, as a model never measured there would be.
    func heldOut(_ cell: Cell, _ observations: [Observation], groups: [String], documented: [Prediction],
                 memo: PredictionMemo) -> [CalibrationProfile.GroupError] {
        guard groups.count > 1 else {
            return [PointErrors(observations, documented).summary(group: groups[0], points: observations.count)]
        }
        let severalModels = Self.models(observations).count > 1
        return groups.map { group in
            let rows = observations.indices.filter { observations[$0].group != group }
            let training = rows.map { observations[$0] }, held = observations.filter { $0.group == group }
            let asked = (try? constants(for: cell, training)) ?? Self.supported(by: training)
            let fit = CellFit(cell, observations: training, constants: asked, catalog: catalog, settings: settings, memo: memo, rows: rows)
            let values = fit.values(fit.solve(workers: workers).u)
            var trained = fit.catalog(values)
            if severalModels, training.contains(where: { $0.model == held[0].model }),
               let (own, solution) = modelFit(cell.of(held[0].model), training, in: trained, about: values),
               (try? check(solution, of: own)) != nil {
                trained = own.catalog(own.values(solution.u))
            }
            let predictions = Predictor(held).predict(under: [trained], workers: workers)[0]
            return PointErrors(held, predictions).summary(group: group, points: held.count)
        }
    }


    /// The models of `observations`, in the order they first appear.
    static func models(_ observations: [Observation]) -> [String] { distinct(observations.map(\.model)) }

    /// The groups of `observations`, in the order they first appear.
    static func groups(_ observations: [Observation]) -> [String] { distinct(observations.map(\.group)) }

    /// `names` without repeats, each where it first appears.
    static func distinct(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

extension Double {
    /// The value to `digits` significant digits, as a profile stores it.
    func rounded(significantDigits digits: Int) -> Double {
        guard self != 0, isFinite else { return self }
        let scale = pow(10, Double(digits) - ceil(log10(abs(self))))
        return (self * scale).rounded() / scale
    }
}
