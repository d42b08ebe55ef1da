using Ctg.ProtoContracts;

// ctg-protocontracts docs <descriptor set> <output folder>: one Markdown page per proto package
// and an index, from a descriptor set built with source info (tools/protoset.sh).
if (args is not ["docs", var setPath, var outputDir])
{
    Console.Error.WriteLine("usage: Ctg.ProtoContracts docs <descriptor set .binpb> <output folder>");
    return 1;
}
var files = DescriptorSets.PlatformFiles(DescriptorSets.Load(setPath));
Directory.CreateDirectory(outputDir);
foreach (var stale in Directory.GetFiles(outputDir, "ctg.*.md"))
    File.Delete(stale);
var packages = files.GroupBy(f => f.Package).ToList();
foreach (var package in packages)
    File.WriteAllText(Path.Combine(outputDir, package.Key + ".md"), MarkdownReference.Write(package.ToList()));
File.WriteAllText(Path.Combine(outputDir, "README.md"), ApiIndex.Write(files));
Console.WriteLine($"{packages.Count} packages ({files.Count} files) written to {outputDir}");
return 0;
