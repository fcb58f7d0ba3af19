namespace Polri110.Contracts;

/// <summary>A police officer, identified by NRP (Nomor Registrasi Pokok).</summary>
public sealed record Officer(string Nrp, string Name);
