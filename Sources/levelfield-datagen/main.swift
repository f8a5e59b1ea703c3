// levelfield-datagen: writes the synthetic demonstration dataset (Data/outcomes.csv,
// Data/deprivation.csv, Data/breakdowns-<period>.csv). Deterministic: the same seed gives the same bytes on every platform.
//
//   swift run levelfield-datagen [--out Data] [--seed 25] [--areas 211]
//
// `--areas N` makes a larger dataset of the same shape for scale tests (issue 13); write it
// outside the repository (e.g. /tmp) — only the default dataset lives in Data/.
import Foundation

let defaultSeed: UInt64 = 25
var outDirectory = "Data"
var seed = defaultSeed
var parameters = ModelParameters()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--out":
        guard let value = arguments.popFirst() else { fail("--out needs a directory") }
        outDirectory = value
    case "--seed":
        guard let value = arguments.popFirst(), let parsed = UInt64(value) else { fail("--seed needs a whole number") }
        seed = parsed
    case "--areas":
        guard let value = arguments.popFirst(), let parsed = Int(value), parsed >= 10 else { fail("--areas needs a whole number of at least 10") }
        parameters.areaCount = parsed
    case "--help", "-h":
        print("usage: levelfield-datagen [--out DIR] [--seed N] [--areas N]   (defaults: Data, \(defaultSeed), \(ModelParameters().areaCount))")
        exit(0)
    default:
        fail("unknown argument '\(argument)'")
    }
}

let model = SyntheticModel(parameters: parameters, seed: seed)
let areas = model.areas()
var rows = model.outcomes(areas: areas)
model.addWaits(to: &rows)
let breakdowns = model.breakdowns(rows: rows)
var files = [("outcomes.csv", DatasetWriter.outcomesCSV(rows)), ("deprivation.csv", DatasetWriter.deprivationCSV(areas))]
for period in model.parameters.periods {
    files.append((DatasetWriter.breakdownsFileName(period), DatasetWriter.breakdownsCSV(breakdowns.filter { $0.period == period })))
}
do {
    try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
    for (name, text) in files {
        let path = (outDirectory as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
    }
} catch {
    fail("cannot write to \(outDirectory): \(error)", code: 74)
}

func fail(_ message: String, code: Int32 = 64) -> Never {
    FileHandle.standardError.write(Data("levelfield-datagen: error: \(message)\n".utf8))
    exit(code)
}
