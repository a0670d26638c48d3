// The accuracy tool's value equivalence (bench/accuracy): when a Parallax
// claim value means what an eval set expects.
#include <string>
#include <vector>

#include "accuracy/eval_sets.h"
#include "accuracy/scoring.h"
#include "accuracy/tsv.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace parallax::accuracy {
namespace {

using ::testing::Optional;

CivilDate Day(int y, int m, int d) { return CivilDate(y, m, d); }

TEST(AccuracyDates, ParsesCalendarUnits) {
  EXPECT_THAT(ParseIsoUnit("2013-02-15"), Optional(DaySpan{Day(2013, 2, 15), Day(2013, 2, 15)}));
  EXPECT_THAT(ParseIsoUnit("2013-02"), Optional(DaySpan{Day(2013, 2, 1), Day(2013, 2, 28)}));
  EXPECT_THAT(ParseIsoUnit("2012-02"), Optional(DaySpan{Day(2012, 2, 1), Day(2012, 2, 29)}));
  EXPECT_THAT(ParseIsoUnit("2013"), Optional(DaySpan{Day(2013, 1, 1), Day(2013, 12, 31)}));
  EXPECT_THAT(ParseIsoUnit("2013-Q4"), Optional(DaySpan{Day(2013, 10, 1), Day(2013, 12, 31)}));
  EXPECT_THAT(ParseIsoUnit("2013-W07"), Optional(DaySpan{Day(2013, 2, 11), Day(2013, 2, 17)}));
  EXPECT_THAT(ParseIsoUnit("2009-W53"), Optional(DaySpan{Day(2009, 12, 28), Day(2010, 1, 3)}));
  EXPECT_THAT(ParseIsoUnit("-2014"), Optional(DaySpan{Day(-2014, 1, 1), Day(-2014, 12, 31)}));
  EXPECT_EQ(ParseIsoUnit("2013-W53"), std::nullopt);  // 2013 has 52 weeks
  EXPECT_EQ(ParseIsoUnit("2014-02-30"), std::nullopt);
  EXPECT_EQ(ParseIsoUnit("XXXX-12-12"), std::nullopt);
  EXPECT_EQ(ParseIsoUnit("2013-02-15T12:00"), std::nullopt);
}

TEST(AccuracyDates, OurRangesAreInclusive) {
  EXPECT_THAT(ParseDateValue("2013-02-10/2013-02-16"),
              Optional(DaySpan{Day(2013, 2, 10), Day(2013, 2, 16)}));
  EXPECT_THAT(ParseDateValue("1960/1961"), Optional(DaySpan{Day(1960, 1, 1), Day(1961, 12, 31)}));
  EXPECT_EQ(ParseDateValue("2013-02-16/2013-02-10"), std::nullopt);
}

TEST(AccuracyDates, SameDaysInAnotherSpellingMatch) {
  const DateTarget month = DucklingDateTarget("2013-03", "instant");
  EXPECT_TRUE(DateValueMatches(month, "2013-03"));
  EXPECT_TRUE(DateValueMatches(month, "2013-03-01/2013-03-31"));
  EXPECT_FALSE(DateValueMatches(month, "2013-03-01"));
  EXPECT_FALSE(DateValueMatches(month, "2013"));
}

TEST(AccuracyDates, DucklingIntervalsEndExclusive) {
  const DateTarget days = DucklingDateTarget("2013-07-13/2013-07-16", "interval");
  EXPECT_TRUE(DateValueMatches(days, "2013-07-13/2013-07-15"));
  EXPECT_FALSE(DateValueMatches(days, "2013-07-13/2013-07-16"));
  const DateTarget months = DucklingDateTarget("2012-12/2013-02", "interval");
  EXPECT_TRUE(DateValueMatches(months, "2012-12/2013-01"));
  EXPECT_TRUE(DateValueMatches(months, "2012-12-01/2013-01-31"));
  const DateTarget years = DucklingDateTarget("1960/1962", "interval");
  EXPECT_TRUE(DateValueMatches(years, "1960/1961"));
}

TEST(AccuracyDates, DucklingWeekAlsoByItsMonday) {
  const DateTarget week = DucklingDateTarget("2013-W07", "instant");
  EXPECT_TRUE(DateValueMatches(week, "2013-02-11"));
  EXPECT_TRUE(DateValueMatches(week, "2013-02-11/2013-02-17"));
  EXPECT_TRUE(DateValueMatches(week, "2013-W07"));
  EXPECT_FALSE(DateValueMatches(week, "2013-02-12"));
}

TEST(AccuracyDates, DucklingOpenIntervalsCountByTheirAnchor) {
  EXPECT_TRUE(DateValueMatches(DucklingDateTarget("2014/", "open_after"), "2014"));
  EXPECT_TRUE(DateValueMatches(DucklingDateTarget("/2014", "open_before"), "2014"));
  EXPECT_TRUE(DucklingDateTarget("2014/", "interval").empty());
}

TEST(AccuracyDates, RecognizersReadingsAndUnresolvedForm) {
  const DateTarget target =
      RecognizersDateTarget("XXXX-10-02", "2016-10-02|2017-10-02", Day(2016, 11, 7));
  EXPECT_TRUE(DateValueMatches(target, "2016-10-02"));
  EXPECT_TRUE(DateValueMatches(target, "2017-10-02"));
  EXPECT_TRUE(DateValueMatches(target, "XXXX-10-02"));
  EXPECT_FALSE(DateValueMatches(target, "2015-10-02"));
  const DateTarget parser =
      RecognizersDateTarget("XXXX-XX-15", "past=2016-10-15;future=2016-11-15", std::nullopt);
  EXPECT_TRUE(DateValueMatches(parser, "2016-10-15"));
  EXPECT_TRUE(DateValueMatches(parser, "2016-11-15"));
}

TEST(AccuracyDates, RecognizersRangeEndsEitherWay) {
  // Stated ends are given as such, computed ones exclusive: both count.
  const DateTarget stated = RecognizersDateTarget("(2016-11-04,2016-11-22,P18D)",
                                                  "past=2016-11-22/2016-11-04", std::nullopt);
  EXPECT_TRUE(DateValueMatches(stated, "2016-11-04/2016-11-22"));
  EXPECT_TRUE(DateValueMatches(stated, "2016-11-04/2016-11-21"));
  EXPECT_FALSE(DateValueMatches(stated, "2016-11-05/2016-11-22"));
  const DateTarget month = RecognizersDateTarget("2016-09", "2016-09-01/2016-10-01", std::nullopt);
  EXPECT_TRUE(DateValueMatches(month, "2016-09"));
  const DateTarget week = RecognizersDateTarget("2016-W46", "", std::nullopt);
  EXPECT_TRUE(DateValueMatches(week, "2016-11-14"));
}

TEST(AccuracyDates, RecognizersStatedEndMonthOrYearIsWhole) {
  // "2014 to 2018" ends with 2018; "from March to May" with May.
  const DateTarget years =
      RecognizersDateTarget("(2014-01-01,2018-01-01,P4Y)", "2014-01-01/2018-01-01", std::nullopt);
  EXPECT_TRUE(DateValueMatches(years, "2014/2018"));
  EXPECT_TRUE(DateValueMatches(years, "2014/2017"));
  EXPECT_FALSE(DateValueMatches(years, "2014/2019"));
  const DateTarget months =
      RecognizersDateTarget("(XXXX-03-01,XXXX-05-01,P2M)", "2018-03-01/2018-05-01", std::nullopt);
  EXPECT_TRUE(DateValueMatches(months, "2018-03/2018-05"));
  EXPECT_TRUE(DateValueMatches(months, "2018-03/2018-04"));
  const DateTarget dated =
      RecognizersDateTarget("(2015-01-01,2015-04-01,P3M)", "2015-01-01/2015-04-01", std::nullopt);
  EXPECT_TRUE(DateValueMatches(dated, "2015-01/2015-04"));
  // A range counted in days ends where it says.
  const DateTarget days = RecognizersDateTarget("(2016-11-01,2016-12-01,P30D)", "", std::nullopt);
  EXPECT_FALSE(DateValueMatches(days, "2016-11-01/2016-12-31"));
}

TEST(AccuracyDates, RecognizersOpenReadingsAndPresent) {
  const DateTarget since = RecognizersDateTarget("2016", "2017-01-01/", std::nullopt);
  EXPECT_TRUE(DateValueMatches(since, "2016"));
  EXPECT_FALSE(DateValueMatches(since, "2017-01-01"));
  const DateTarget now = RecognizersDateTarget("PRESENT_REF", "/2016-11-07", Day(2016, 11, 7));
  EXPECT_TRUE(DateValueMatches(now, "2016-11-07"));
  EXPECT_TRUE(RecognizersDateTarget("2016-SU", "not resolved", std::nullopt).spans.empty());
  EXPECT_TRUE(RecognizersDateTarget("XXXX-02-30", "past=0001-01-01;future=0001-01-01", std::nullopt)
                  .spans.empty());
}

TEST(AccuracyDates, ChronoDefaultTimesAreDates) {
  const std::optional<DateTarget> noon = ChronoDateTarget("2012-08-10T12:00", "");
  ASSERT_TRUE(noon.has_value());
  EXPECT_TRUE(DateValueMatches(*noon, "2012-08-10"));
  EXPECT_EQ(ChronoDateTarget("2012-08-10T13:14", "12:14"), std::nullopt);
  EXPECT_NE(ChronoDateTarget("2012-08-24T12:14", "12:14"), std::nullopt);
  EXPECT_EQ(ChronoDateTarget("2012-08-10T12:13:48", "12:14"), std::nullopt);
}

TEST(AccuracyDates, ChronoFirstOfMonthAlsoMeansTheMonth) {
  const std::optional<DateTarget> month = ChronoDateTarget("2012-08-01T12:00", "");
  ASSERT_TRUE(month.has_value());
  EXPECT_TRUE(DateValueMatches(*month, "2012-08-01"));
  EXPECT_TRUE(DateValueMatches(*month, "2012-08"));
  EXPECT_FALSE(DateValueMatches(*month, "2012"));
  EXPECT_TRUE(DateValueMatches(*ChronoDateTarget("2017-01-01T12:00", ""), "2017"));
  const std::optional<DateTarget> range = ChronoDateTarget("2012-08-10T12:00/2012-08-22T12:00", "");
  ASSERT_TRUE(range.has_value());
  EXPECT_TRUE(DateValueMatches(*range, "2012-08-10/2012-08-22"));  // chrono ends are inclusive
}

TEST(AccuracyDurations, SameLengthInOtherUnits) {
  auto same = [](std::string_view a, std::string_view b) {
    return SameDuration(*ParseIsoDuration(a), *ParseIsoDuration(b));
  };
  EXPECT_TRUE(same("P1W", "P7D"));
  EXPECT_TRUE(same("PT90M", "PT1H30M"));
  EXPECT_TRUE(same("PT1.5H", "PT5400S"));
  EXPECT_TRUE(same("P1Y", "P12M"));
  EXPECT_TRUE(same("P2Y3M", "P27M"));
  EXPECT_TRUE(same("P1.5M", "P45D"));              // the sets' 30-day month
  EXPECT_TRUE(same("P1Y2DT3H4S", "PT31719604S"));  // and 365-day year
  EXPECT_FALSE(same("P1M", "P4W"));
  EXPECT_FALSE(same("P6W", "P6D"));
  EXPECT_EQ(ParseIsoDuration("P3WE"), std::nullopt);
  EXPECT_EQ(ParseIsoDuration("P"), std::nullopt);
  EXPECT_EQ(ParseIsoDuration("PT"), std::nullopt);
  EXPECT_EQ(ParseIsoDuration("P3H"), std::nullopt);  // hours belong after T
}

TEST(AccuracyDurations, RecognizersTimexOrSeconds) {
  const DurationTarget hours = RecognizersDurationTarget("PT3H", "past=10800;future=10800");
  EXPECT_TRUE(DurationValueMatches(hours, "PT3H"));
  EXPECT_TRUE(DurationValueMatches(hours, "PT180M"));
  EXPECT_FALSE(DurationValueMatches(hours, "P3D"));
  const DurationTarget weekends = RecognizersDurationTarget("P3WE", "518400");
  EXPECT_TRUE(DurationValueMatches(weekends, "P6D"));
  EXPECT_TRUE(DurationValueMatches(weekends, "p3we"));
}

TEST(AccuracyQuantities, NumberEqualsItsPointInterval) {
  EXPECT_TRUE(NumberValueMatches(192, "[192,192]"));
  EXPECT_TRUE(NumberValueMatches(192, "192"));
  EXPECT_TRUE(NumberValueMatches(1e-12, "[0.000000000001,0.000000000001]"));
  EXPECT_TRUE(NumberValueMatches(*ParseNumber("0.666666666666667"),
                                 "[0.6666666666666666,0.6666666666666666]"));
  EXPECT_FALSE(NumberValueMatches(192, "[172.8,211.2]"));
  EXPECT_FALSE(NumberValueMatches(192, "[192,inf)"));
  EXPECT_FALSE(NumberValueMatches(192, "(192,192]"));
}

TEST(AccuracyQuantities, RangesCompareBoundsAndOpenness) {
  const NumInterval over = *ParseNumInterval("(4565,)");
  EXPECT_TRUE(RangeValueMatches(over, "(4565,inf)"));
  EXPECT_FALSE(RangeValueMatches(over, "[4565,inf)"));
  const NumInterval both = *ParseNumInterval("(20,35]");
  EXPECT_TRUE(RangeValueMatches(both, "(20,35]"));
  EXPECT_FALSE(RangeValueMatches(both, "[20,35]"));
}

TEST(AccuracyQuantities, AtMostMayStartAtZeroAndBetweenMayBeClosed) {
  const NumInterval at_most = *ParseNumInterval("(,100]");
  EXPECT_TRUE(RangeValueMatches(at_most, "[0,100]"));
  EXPECT_TRUE(RangeValueMatches(at_most, "(-inf,100]"));
  EXPECT_FALSE(RangeValueMatches(at_most, "[10,100]"));
  EXPECT_FALSE(RangeValueMatches(at_most, "[0,100)"));
  // Recognizers-Text's default mode reads "between 20 and 30" as [20,30).
  const NumInterval between = *ParseNumInterval("[20,30)");
  EXPECT_TRUE(RangeValueMatches(between, "[20,30]"));
  EXPECT_TRUE(RangeValueMatches(between, "[20,30)"));
  EXPECT_FALSE(RangeValueMatches(between, "(20,30]"));
}

TEST(AccuracyQuantities, PointValues) {
  EXPECT_TRUE(IsPointValue("[5,5]"));
  EXPECT_TRUE(IsPointValue("5"));
  EXPECT_FALSE(IsPointValue("[4,6]"));
  EXPECT_FALSE(IsPointValue("[5,inf)"));
}

TEST(AccuracyTsv, ColumnsByNameAndMalformedLinesReported) {
  absl::StatusOr<TsvTable> table =
      ParseTsv("text\texpected_value\r\none\t1\r\nbroken line\n\nthree\t3\n\n");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_EQ(table->Field(table->rows()[1], "expected_value"), "3");
  EXPECT_EQ(table->rows()[1].line, 5);
  EXPECT_EQ(table->Field(table->rows()[0], "no such column"), "");
  ASSERT_EQ(table->problems().size(), 2u);
  EXPECT_EQ(table->problems()[0].line, 3);
  EXPECT_EQ(table->problems()[1].line, 4);
  EXPECT_FALSE(ParseTsv("").ok());
  EXPECT_FALSE(ParseTsv("a\ta\n").ok());
}

TEST(AccuracyTsv, MissingColumnFailsTheFile) {
  absl::StatusOr<TsvTable> table = ParseTsv("text\tvalue\nnine\t9\n");
  ASSERT_TRUE(table.ok());
  EXPECT_FALSE(ClassifyTable(*table, "duckling/numeral_en.tsv").ok());
}

TEST(AccuracySpans, LocatedByCharacterOffsetIgnoringCase) {
  EXPECT_EQ(LocateSpan("I'll go back 04th Jan 2019.", "04th jan 2019", 13),
            std::make_pair(size_t{13}, size_t{26}));
  // "’" is three bytes but one character.
  EXPECT_EQ(LocateSpan("It’s 5 May", "5 may", 5), std::make_pair(size_t{7}, size_t{12}));
  EXPECT_EQ(LocateSpan("5 and 5", "5", 6), std::make_pair(size_t{6}, size_t{7}));
  EXPECT_EQ(LocateSpan("5 and 5", "5", 99), std::make_pair(size_t{0}, size_t{1}));
  EXPECT_EQ(LocateSpan("nothing", "5", std::nullopt), std::nullopt);
}

TEST(AccuracyScore, RangeNegativesAllowSingleNumbers) {
  absl::StatusOr<TsvTable> table = ParseTsv(
      "text\texpected_value\tinterval\tsource_file\n"
      "One-fourth is a fraction number.\tNONE\t\tNumberRangeModel.json\n");
  ASSERT_TRUE(table.ok());
  absl::StatusOr<EvalFile> file = ClassifyTable(*table, "recognizers_text/number_ranges.tsv");
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->cases.size(), 1u);
  Claim point;
  point.kind = ClaimKind::kQuantity;
  point.value = "[0.25,0.25]";
  Claim range = point;
  range.value = "[0,0.25]";
  EXPECT_TRUE(ScoreCase(file->cases[0], {point}).correct);
  EXPECT_FALSE(ScoreCase(file->cases[0], {point, range}).correct);
}

}  // namespace
}  // namespace parallax::accuracy
