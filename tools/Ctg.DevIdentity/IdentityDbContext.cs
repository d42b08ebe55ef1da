using Microsoft.EntityFrameworkCore;

namespace Ctg.DevIdentity;

/// <summary>OpenIddict's store (clients, authorizations, tokens such as device codes and refresh tokens)
/// in a development SQLite file, recreated at each start.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options);
