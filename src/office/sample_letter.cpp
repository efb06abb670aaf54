#include "office/sample_letter.hpp"

namespace kangfu::office::testing {

Letter SampleLetter() {
  Letter letter;
  letter.organ_mark = "中共某某县纪律检查委员会";
  letter.document_number = "某纪函〔2026〕15号";
  letter.title = "关于张三等3名同志党风廉政情况的回复";
  letter.addressee = "中共某某县委组织部";
  letter.body = {
      {ParagraphKind::kBody,
       "你部《关于征求张三等同志党风廉政意见的函》收悉。经查，现将有关情况回复如下："},
      {ParagraphKind::kHeading1, "基本情况"},
      {ParagraphKind::kHeading2, "信访举报"},
      {ParagraphKind::kHeading3, "无问题线索。"},
      {ParagraphKind::kHeading4, "已了结。"},
      {ParagraphKind::kHeading2, "处分情况"},
      {ParagraphKind::kHeading1, "答复意见"},
      {ParagraphKind::kBody, "特此函复。R&D <测试> \"引号\" 'apos'"},
  };
  letter.table = LetterTable{{"姓名", "单位职务", "答复意见"},
                             {{"张三", "某某县财政局副局长", "未发现违纪违法问题"},
                              {"李四", "某某镇党委书记", "受到党内警告处分，影响期已满"},
                              {"王五", "某某县教育局局长"}},
                             {2, 5, 5}};
  letter.table_after = 7;
  letter.signature = "中共某某县纪律检查委员会";
  letter.date = {2026, 3, 15};
  return letter;
}

}  // namespace kangfu::office::testing
